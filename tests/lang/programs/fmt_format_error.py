print(f"{3:d}")
print(f"{2.5:d}")  # raises ValueError

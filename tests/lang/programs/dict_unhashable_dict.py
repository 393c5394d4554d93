d = {1: 2}
x = {d: 1}  # raises TypeError

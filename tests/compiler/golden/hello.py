"""Every core greets; the classic first program."""
from parallel import coreid, numcores

print("Hello world from core " + str(coreid()) + " of " + str(numcores()))

import parallel
from parallel import coreid, numcores
print(coreid(), numcores(), parallel.coreid() == coreid(), parallel.numcores() >= 1)
if coreid() == 0:
    print("core zero")

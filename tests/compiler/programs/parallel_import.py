import parallel
import parallel as par
from parallel import coreid as me
from parallel import *

print(parallel.coreid(), par.numcores(), me(), numcores())
print(parallel.ishost() or isdevice())
first = coreid() == 0
last = coreid() == numcores() - 1
print(first, last)


def where():
    from parallel import coreid
    return "core " + str(coreid())


print(where())

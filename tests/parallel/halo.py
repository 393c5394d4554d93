# Halo swaps: a pairwise exchange with sendrecv, then a ring shift both ways with isend/recv.
from parallel import coreid, numcores, sendrecv, isend, recv

me = coreid()
n = numcores()
cells = [me * 100 + i for i in range(4)]
partner = me ^ 1
if partner < n:
    got = sendrecv(cells[-1], partner)
    print("pair", partner, got)
right, left = (me + 1) % n, (me - 1) % n
to_right = isend(cells[-1], right)
to_left = isend(cells[0], left)
from_left = recv(left)
from_right = recv(right)
to_right.wait()
to_left.wait()
print("ring", from_left, from_right, to_right.test(), to_left.test())

# bcast from a root that is not core 0, and large nested messages (several KiB) both ways.
from parallel import coreid, numcores, bcast, send, recv, probe, sync, ishost

me = coreid()
n = numcores()
root = n - 1
value = {"root": root, "items": [1, 2.5, None, True, ("x", [])]} if me == root else None
print("bcast", bcast(value, root))
# 2.6 KiB marshalled on virtual cores; a device core (about 13 KiB of heap beside the firmware
# and the VM stack) holds the value, its bytes and its reversed copy at once, so it sends 0.8 KiB.
count = 40 if ishost() else 16
if me == 0:
    big = [(i, "ab" * i, [i * 0.25, {"k": -i}]) for i in range(count)]
    send(big, 1)
    back = recv(1)
    print("back", back == big[::-1], len(back) == count)
    big = back = None
elif me == 1:
    got = recv(0)
    print("got", len(got) == count, got[-1][1][-4:], got[3][2])
    send(got[::-1], 0)
    got = None
text = bcast("z" * 3000 if me == 0 else None, 0)
print("text", len(text), text[:3])
if me:
    send(me, 0)
sync()
if me == 0:
    print("probe", [probe(k) for k in range(1, n)], [recv(k) for k in range(1, n)])
    print("empty", probe(1))

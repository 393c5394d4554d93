# Message latencies on the fabric, from the cores' cycle counters (scripts/parallel_bench.py runs
# this on the simulated 8-core fabric and docs/parallel.md quotes it). Cores are released
# together, so their counters agree and a time taken on one core compares with another's.
from parallel import coreid, numcores, send, recv, reduce, bcast, sync, cycles

me = coreid()
n = numcores()
REPS = 8

t = cycles()
overhead = cycles() - t         # the cost of reading the counter itself

# One word, core 0 to core 1: the time from before send() on 0 to after recv() on 1.
total = 0
for i in range(REPS):
    sync()
    if me == 0:
        send(cycles(), 1)
    elif me == 1:
        start = recv(0)
        total += cycles() - start
if me == 1:
    print("send/recv one word:", total // REPS - overhead, "cycles")

# A 4 KiB message (a str of 4093 characters marshals to 4096 bytes).
sync()
if me == 0:
    message = "x" * 4093
    send(cycles(), 1)
    send(message, 1)
elif me == 1:
    start = recv(0)
    got = recv(0)
    took = max(cycles() - start, 1)    # cycles() is 0 on virtual cores
    print("4 KiB message:", took, "cycles,", 4096 * 10000 // took, "bytes per 10,000 cycles",
          len(got))

# reduce(sum) and bcast of one int over every core: from the last core to enter to the last to
# leave (the latest start is when the operation can begin).
for name in ("reduce", "bcast"):
    worst = 0
    for i in range(REPS):
        sync()
        start = cycles()
        if name == "reduce":
            r = reduce(me, "sum")
        else:
            r = bcast(me, 0)
        end = cycles()
        first = reduce(start, "max")
        last = reduce(end, "max")
        worst += last - first - overhead
    if me == 0:
        print(name, "over", n, "cores:", worst // REPS, "cycles")

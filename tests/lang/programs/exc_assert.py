# assert: AssertionError with or without a message; the message is evaluated only on failure
def msg(text):
    print("evaluating message", text)
    return text
assert 1 < 2, msg("never")
assert [1]
try:
    assert 1 > 2
except AssertionError as e:
    print("no message:", repr(e))
try:
    assert 1 > 2, msg("failed")
except AssertionError as e:
    print("message:", e)
for x in [3, 0, -1]:
    try:
        assert x > 0, x
        print("ok", x)
    except AssertionError as e:
        print("bad", repr(e))

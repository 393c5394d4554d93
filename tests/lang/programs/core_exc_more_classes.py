# The remaining builtin exception classes: raised, caught by class and by base, printed.
for cls in [NotImplementedError, StopIteration, MemoryError, RecursionError, NameError,
            AttributeError]:
    try:
        raise cls('why')
    except Exception as e:
        print(cls, repr(e), str(e))
try:
    raise NotImplementedError
except RuntimeError:
    print('NotImplementedError is a RuntimeError')
try:
    raise RecursionError('deep')
except RuntimeError as e:
    print('RecursionError is a RuntimeError:', e)
print(StopIteration is StopIteration, MemoryError == NameError)
raise StopIteration('end')  # raises StopIteration

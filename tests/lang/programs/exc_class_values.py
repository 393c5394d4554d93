# exception classes are values: stored, passed, compared, called
E = ValueError
print(E is ValueError, E == ValueError, E is TypeError, E != KeyError)
handlers = [(KeyError, "key"), (IndexError, "index"), (Exception, "any")]
def classify(err):
    for cls, label in handlers:
        try:
            raise err
        except cls:
            return label
        except Exception:
            pass
print(classify(KeyError()), classify(IndexError), classify(ValueError("x")))
def make(cls, text):
    return cls(text)
x = make(TypeError, "made")
print(repr(x))
try:
    raise make(NameError, "dynamic")
except NameError as e:
    print(e)
print(not ValueError, not ValueError())

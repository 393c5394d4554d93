a = {1: 'x', 2: 'y'}
b = {2: 'y', 1: 'x'}
print(a == b, a != b, a == {1: 'x'}, a == {1: 'x', 2: 'z'})
print({} == {}, {1: [1, 2]} == {1: [1, 2]}, {1: 1} == {True: True})
print(a == [1, 2], {(1, 2): 3} == {(1, 2): 3})
nested = {'k': {'inner': [1, {2: 3}]}}
print(nested, nested['k']['inner'][1][2])
print(nested == {'k': {'inner': [1, {2: 3}]}})

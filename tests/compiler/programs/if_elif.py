def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"


x = -3
while x < 200:
    print(x, classify(x))
    x = x * 2 + 7


def fizz(n):
    if n % 15 == 0:
        print("FizzBuzz")
    elif n % 3 == 0:
        print("Fizz")
    elif n % 5 == 0:
        print("Buzz")
    else:
        print(n)


i = 1
while i <= 15:
    fizz(i)
    i += 1

if 0:
    print("no")
if "":
    print("no")
if None:
    print("no")
else:
    print("None is falsy")
if "0":
    print("non-empty string is truthy")

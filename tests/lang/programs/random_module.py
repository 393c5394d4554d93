import random
from random import choice, randrange
random.seed(2024)
deck = list(range(10))
hand = []
while deck:
    card = choice(deck)
    deck.pop(deck.index(card))
    hand.append(card)
print(hand)
counts = {}
for _ in range(200):
    k = random.randint(1, 6)
    counts[k] = counts.get(k, 0) + 1
print(sorted(counts.items()))
print([randrange(0, 100, 10) for _ in range(6)], [randrange(-5, 5) for _ in range(6)])
random.seed(2024)
print(choice(range(10)) == hand[0], random.randint(0, 2 ** 30) >= 0)
print([int(random.uniform(10, 20)) for _ in range(5)])
random.seed()
print(0 <= random.randint(0, 9) <= 9)

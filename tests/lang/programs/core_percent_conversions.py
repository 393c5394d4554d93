# Every %-conversion the language lists, with widths, precisions and flags, and f-string !s.
print('%e|%E|%.2e|%12.3e|' % (1234.5, 0.00025, -1e-10, 6.02e23))
print('%g|%g|%g|%.3g|%G|%-8g|' % (0.0001, 1e-05, 123456789.0, 3.14159, 1e20, 2.5))
print('%o|%#o|%5o|%-5o|%o' % (64, 8, 7, 9, -8))
print('%x|%X|%#x|%04x' % (255, 255, 255, 10))
print('%c%c%c|%3c|%c' % (72, 105, 33, 65, 'z'))
print('%i|%+i|% i|%05i|%-5i|' % (-7, 3, 4, -42, 6))
print('%s|%r|%5.2s|%%' % ('ab', 'ab', 'xyz'))
w = 7
print(f'{"ab"!s:>4}|{42!s}|{3.5!s}|{"q"!r}|{12:{w}}|{0.5:{w}.3f}|')

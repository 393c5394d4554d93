# %-formatting with a tuple or a single value
print("%d items" % 3, "%s and %s" % ("a", "b"), "%r" % "q", "%x" % 255, "100%%" % ())
print("%.2f" % 3.14159, "%f" % 1.5, "%.0f" % 2.5, "%5.1f|" % 2.25, "%-5d|" % 42, "%05d" % 42)
print("%s" % 1.5, "%s" % [1, 2.5], "%r" % (0.1,), "%d" % 7.9, "%s=%d" % ("n", -3))
name = "x"
print("%s is %.3f" % (name, 1 / 3))

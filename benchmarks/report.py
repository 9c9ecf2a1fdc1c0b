"""The benchmarks' one way to publish figures: print them, and put them between the benchmark's own
markers in a docs/ page (appended with its markers when they are not there yet), keeping the rest."""


def publish(text, report, start, end, write=True):
    print(text)
    if not write:
        return
    with open(report) as handle:
        old = handle.read()
    section = start + text + end
    if start in old and end in old:
        new = old[:old.index(start)] + section + old[old.index(end) + len(end):]
    else:
        new = old.rstrip('\n') + '\n\n' + section
    with open(report, 'w') as handle:
        handle.write(new)

"""What reading a paste's lists costs: a long run of points is read in one pass, each point
looking a few lines ahead, never to the end of the paste."""

from articles.crosspost.cleaning import numbering, points


class Copies(list):
    """A list that keeps the length of every slice taken of it."""

    def __init__(self, items):
        super().__init__(items)
        self.slices: list[int] = []

    def __getitem__(self, index):
        found = super().__getitem__(index)
        if isinstance(index, slice):
            self.slices.append(len(found))
        return found


def test_a_long_run_of_points_is_read_looking_a_few_lines_ahead_not_to_its_end():
    # Each lettered point looks at the points after it to choose a reading; copying every
    # reading to the end of the paste from each made the cost grow as the square of its
    # length (40,000 points took seconds, a 5 MB paste held the admin for minutes).
    lines = [f"{roman}. A point" for roman in ["i", "ii", "iii", "iv"] * 1000]
    found = [points.POINT.match(line) for line in lines]
    readings = Copies(numbering.marker_readings(match["number"]) for match in found)

    ahead = points._readings_ahead(found, readings, 0)

    assert max(readings.slices) <= points._LOOK_AHEAD
    assert ahead[:3] == [("i", 2), ("i", 3), ("i", 4)]
    assert len(ahead) == len([r for own in readings[1 : 1 + points._LOOK_AHEAD] for r in own])

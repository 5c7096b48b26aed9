"""`tracker periods`: generate and list a year's calendar."""

from tracker.cli import main


def test_periods_generate_and_list(db_path, capsys):
    assert main(["--db", str(db_path), "periods", "--year", "1405"]) == 0
    assert "no reporting calendar" in capsys.readouterr().out
    assert main(["--db", str(db_path), "periods", "--year", "1405", "--generate"]) == 0
    out = capsys.readouterr().out
    assert "12 period(s) generated" in out
    assert "8. Aban 1405 | 1405/08/01 | 1405/09/03 | 1405/09/05 | 1405/09/07 | 1405/09/08" in out
    assert "12. Esfand 1405 | 1405/12/01 | 1406/01/03" in out
    assert main(["--db", str(db_path), "--lang", "fa", "periods", "--year", "1405"]) == 0
    assert "آبان ۱۴۰۵" in capsys.readouterr().out


def test_periods_weekly_esfand(db_path, capsys):
    assert main(["--db", str(db_path), "periods", "--year", "1403", "--generate",
                 "--weekly-month", "12"]) == 0
    out = capsys.readouterr().out
    assert "16 period(s) generated" in out
    assert "Week 1403/12/29 to 1403/12/30" in out

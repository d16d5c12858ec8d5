# Vietnamese formats, overriding Django's own `vi` locale, which groups no
# thousands, shows dates as d-m-Y and parses "05/03/2020" as 3 May.
# Here "05/03/2020" is 5 March, in and out; numbers read 1.234.567.

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"\t\h\á\n\g m/Y"
MONTH_DAY_FORMAT = "d/m"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '05/03/2020'
    "%d/%m/%y",  # '05/03/20'
    "%d-%m-%Y",  # '05-03-2020'
    "%d.%m.%Y",  # '05.03.2020'
    "%Y-%m-%d",  # '2020-03-05' (ISO, what <input type=date> sends)
    "%d%m%Y",  # '05032020' (typed on a phone's number pad)
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

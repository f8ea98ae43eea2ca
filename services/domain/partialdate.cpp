#include "domain/partialdate.h"

#include <QDate>

namespace aime {

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

} // namespace

std::optional<PartialDate> PartialDate::parse(const QString &text)
{
    if (text.isEmpty())
        return PartialDate {};
    if (text.size() != 4 && text.size() != 7 && text.size() != 10)
        return std::nullopt;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? text.at(i) != u'-' : !isAsciiDigit(text.at(i)))
            return std::nullopt;
    }
    const int year = QStringView(text).left(4).toInt();
    if (year == 0)
        return PartialDate {};
    const int month = text.size() >= 7 ? QStringView(text).mid(5, 2).toInt() : 1;
    const int day = text.size() == 10 ? QStringView(text).mid(8, 2).toInt() : 1;
    if (!QDate(year, month, day).isValid())
        return std::nullopt;
    return PartialDate {year, text};
}

} // namespace aime

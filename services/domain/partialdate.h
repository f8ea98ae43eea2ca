#pragma once

#include <QString>

#include <optional>

namespace aime {

// A release date as providers give it, to the year, month or day ("1981", "1981-12",
// "1981-12-15"). An empty text, or the year "0000" of some old catalogue entries, is an unknown
// date (year 0).
struct PartialDate
{
    int year = 0;
    QString text;

    // nullopt for any other shape, or for a date that does not exist (30 February).
    static std::optional<PartialDate> parse(const QString &text);
};

} // namespace aime

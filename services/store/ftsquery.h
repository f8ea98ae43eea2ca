#pragma once

#include <QString>

namespace aime {

// Turns what a person types into an FTS5 MATCH expression that cannot be a syntax error: every
// word becomes a quoted prefix term ("word"*), the terms are AND-ed, and FTS operators, quotes,
// brackets and column filters in the text are taken as plain words.
class FtsQuery
{
public:
    // Empty when the text holds no searchable word (the caller then shows everything).
    static QString fromUserText(const QString &text);
};

} // namespace aime

#include "store/ftsquery.h"

#include <QStringList>

namespace aime {

QString FtsQuery::fromUserText(const QString &text)
{
    // The unicode61 tokenizer splits on anything that is not a letter or digit, so splitting the
    // same way here gives terms that match what was indexed and carry no syntax.
    QStringList terms;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            terms.append(u'"' + word + QStringLiteral("\"*"));
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing)
            word += c;
        else
            flush();
    }
    flush();
    return terms.join(u' ');
}

} // namespace aime

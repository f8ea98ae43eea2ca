#include "domain/albumidentity.h"

#include <QRegularExpression>

#include <algorithm>

namespace aime {

namespace {

bool isEditionWords(const QString &foldedText)
{
    static const QRegularExpression editionWords(QStringLiteral(
        "\\b(remaster(ed)?|edition|deluxe|expanded|anniversary|bonus|reissue|version|mono|stereo|"
        "mix|special|collector'?s|legacy|super|redux|re-?issue|\\d{4})\\b"));
    return editionWords.match(foldedText).hasMatch();
}

QString withoutEditionSuffixes(QString title)
{
    // "(Remastered 2011)", "[Deluxe Edition]", possibly several, at the end.
    static const QRegularExpression bracketSuffix(
        QStringLiteral("\\s*[\\(\\[]([^\\)\\]]*)[\\)\\]]\\s*$"));
    // "- 2011 Remaster", "- Deluxe Edition" as Spotify writes them.
    static const QRegularExpression dashSuffix(
        QStringLiteral("\\s+[-\u2013\u2014]\\s+([^-\u2013\u2014]+)$"));
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto *pattern : {&bracketSuffix, &dashSuffix}) {
            const auto match = pattern->match(title);
            if (match.hasMatch() && match.capturedStart() > 0
                && isEditionWords(match.captured(1).toLower())) {
                title.truncate(match.capturedStart());
                changed = true;
            }
        }
    }
    return title;
}

} // namespace

const QList<std::pair<QChar, QLatin1String>> &AlbumIdentity::undecomposedLetters()
{
    static const QList<std::pair<QChar, QLatin1String>> letters {
        {u'æ', QLatin1String("ae")}, {u'œ', QLatin1String("oe")}, {u'ß', QLatin1String("ss")},
        {u'ø', QLatin1String("o")},  {u'ð', QLatin1String("d")},  {u'þ', QLatin1String("th")},
        {u'ł', QLatin1String("l")},  {u'đ', QLatin1String("d")},  {u'ı', QLatin1String("i")},
    };
    return letters;
}

QString AlbumIdentity::spelledOut(QString lowerCaseText)
{
    for (const auto &[letter, spelling] : undecomposedLetters())
        lowerCaseText.replace(letter, spelling);
    return lowerCaseText;
}

QString AlbumIdentity::fold(const QString &text)
{
    QString spelled = spelledOut(text.toLower());
    spelled.replace(u'&', QStringLiteral(" and "));
    // Decomposition is the costly step of an import; plain ASCII has nothing to decompose.
    const bool ascii
        = std::all_of(spelled.cbegin(), spelled.cend(), [](QChar c) { return c.unicode() < 0x80; });
    const QString decomposed
        = ascii ? spelled : spelled.normalized(QString::NormalizationForm_KD).toLower();
    QString folded;
    folded.reserve(decomposed.size());
    bool pendingSpace = false;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing
            || c.category() == QChar::Mark_SpacingCombining)
            continue;
        if (c.isLetterOrNumber()) {
            if (pendingSpace && !folded.isEmpty())
                folded += u' ';
            pendingSpace = false;
            folded += c;
        } else if (c.isSpace() || c.isPunct() || c.isSymbol()) {
            // Apostrophes join ("Don't" = "Dont"); other punctuation separates words.
            if (c != u'\'' && c != u'\u2019')
                pendingSpace = true;
        }
    }
    return folded;
}

QString AlbumIdentity::normalisedArtist(const QString &artist)
{
    static const QRegularExpression disambiguation(QStringLiteral("\\s*\\(\\d+\\)\\s*$"));
    QString name = artist;
    name.remove(disambiguation);
    QString folded = fold(name);
    if (folded.startsWith(QLatin1String("the ")))
        folded.remove(0, 4);
    return folded;
}

QString AlbumIdentity::normalisedTitle(const QString &title)
{
    QString folded = fold(withoutEditionSuffixes(title.trimmed()));
    if (folded.startsWith(QLatin1String("the ")))
        folded.remove(0, 4);
    return folded;
}

QString AlbumIdentity::matchKey(const QString &artist, const QString &title, int year)
{
    const QString normalArtist = normalisedArtist(artist);
    const QString normalTitle = normalisedTitle(title);
    if (normalArtist.isEmpty() || normalTitle.isEmpty())
        return {};
    return normalArtist + u'|' + normalTitle + u'|' + QString::number(year);
}

QString AlbumIdentity::normalisedBarcode(const QString &barcode)
{
    QString digits;
    for (const QChar c : barcode) {
        if (c.isDigit())
            digits += c;
    }
    if (digits.size() == 12)
        digits.prepend(u'0');
    if (digits.size() < 8 || digits.size() > 14)
        return {};
    static const QRegularExpression allZeros(QStringLiteral("^0+$"));
    if (allZeros.match(digits).hasMatch())
        return {};
    return digits;
}

} // namespace aime

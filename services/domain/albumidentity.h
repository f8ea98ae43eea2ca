#pragma once

#include <QList>
#include <QString>

namespace aime {

// Decides when two entries are one album (DESIGN.md section 4): the same barcode, or the same
// artist + title + year once spelling that differs between providers is folded away.
class AlbumIdentity
{
public:
    // Lower case, accents and punctuation removed, white space collapsed.
    static QString fold(const QString &text);
    // Letters that Unicode does not decompose into a base letter and a mark, lower case, and how
    // fold() spells them ("æ" -> "ae", "ß" -> "ss"); PostgreSQL's unaccent() spells them alike.
    static const QList<std::pair<QChar, QLatin1String>> &undecomposedLetters();
    // Lower-case text with those letters spelled out.
    static QString spelledOut(QString lowerCaseText);
    // fold() plus a leading "The " and a Discogs disambiguation suffix " (2)" removed.
    static QString normalisedArtist(const QString &artist);
    // fold() plus edition suffixes removed: "(Remastered 2011)", "[Deluxe Edition]", "- 2011
    // Remaster".
    static QString normalisedTitle(const QString &title);
    // The key stored in albums.match_key; empty when artist or title fold to nothing.
    static QString matchKey(const QString &artist, const QString &title, int year);
    // Digits only; a 12-digit UPC becomes its 13-digit EAN form. Empty when not a plausible code.
    static QString normalisedBarcode(const QString &barcode);
};

} // namespace aime

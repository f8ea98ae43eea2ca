#pragma once

#include <QColor>
#include <QString>

class QPainter;
class QRectF;

namespace aime {

// Until an album has cover art, its cell shows the artist's initials on a colour derived from
// the album, so the same album always looks the same and neighbours are told apart at a glance.
class CoverPlaceholder
{
public:
    static QColor colourFor(const QString &artist, const QString &title);
    static QString initialsOf(const QString &artist);
    static void paint(QPainter *painter, const QRectF &rect, const QString &artist,
                      const QString &title);
    // The album's colour alone, for the moment a cover on disk takes to decode: initials that
    // would be replaced a few milliseconds later only flicker (and cost a large glyph each).
    static void paintPending(QPainter *painter, const QRectF &rect, const QString &artist,
                             const QString &title);
};

} // namespace aime

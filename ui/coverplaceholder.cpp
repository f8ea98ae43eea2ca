#include "coverplaceholder.h"

#include <QCryptographicHash>
#include <QLinearGradient>
#include <QPainter>
#include <QStringList>

namespace aime {

QColor CoverPlaceholder::colourFor(const QString &artist, const QString &title)
{
    // A stable hash (not qHash, which is seeded per process) so colours survive restarts.
    const QByteArray digest
        = QCryptographicHash::hash((artist + u'\n' + title).toUtf8(), QCryptographicHash::Md5);
    const int hue = (quint8(digest.at(0)) << 8 | quint8(digest.at(1))) % 360;
    const int saturation = 90 + quint8(digest.at(2)) % 70;
    const int value = 150 + quint8(digest.at(3)) % 60;
    return QColor::fromHsv(hue, saturation, value);
}

QString CoverPlaceholder::initialsOf(const QString &artist)
{
    QString name = artist.trimmed();
    if (name.startsWith(QLatin1String("The "), Qt::CaseInsensitive))
        name.remove(0, 4);
    QString initials;
    const QStringList words = name.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        for (const QChar c : word) {
            if (c.isLetterOrNumber()) {
                initials += c.toUpper();
                break;
            }
        }
        if (initials.size() == 2)
            break;
    }
    return initials.isEmpty() ? QStringLiteral("?") : initials;
}

void CoverPlaceholder::paint(QPainter *painter, const QRectF &rect, const QString &artist,
                             const QString &title)
{
    const QColor base = colourFor(artist, title);
    QLinearGradient gradient(rect.topLeft(), rect.bottomRight());
    gradient.setColorAt(0, base.lighter(115));
    gradient.setColorAt(1, base.darker(135));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(gradient);
    painter->drawRoundedRect(rect, 4, 4);

    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(qMax(10, int(rect.height() * 0.32)));
    painter->setFont(font);
    painter->setPen(QColor(255, 255, 255, 225));
    painter->drawText(rect, Qt::AlignCenter, initialsOf(artist));
    painter->restore();
}

void CoverPlaceholder::paintPending(QPainter *painter, const QRectF &rect, const QString &artist,
                                    const QString &title)
{
    painter->fillRect(rect, colourFor(artist, title).darker(115));
}

} // namespace aime

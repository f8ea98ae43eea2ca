#include "albumgriddelegate.h"

#include "albumlistmodel.h"
#include "coverimagecache.h"
#include "coverplaceholder.h"

#include <QApplication>
#include <QPainter>

#include <cmath>

namespace aime {

namespace {

constexpr int padding = 6;

} // namespace

AlbumGridDelegate::AlbumGridDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

void AlbumGridDelegate::setCoverSize(int pixels)
{
    m_coverSize = std::clamp(pixels, minimumCoverSize, maximumCoverSize);
}

int AlbumGridDelegate::decodedSize(int pixels, qreal ratio)
{
    constexpr int step = 64;
    const int device = int(std::ceil(pixels * ratio));
    return (device + step - 1) / step * step;
}

QSize AlbumGridDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return {m_coverSize + 2 * padding, m_coverSize + 2 * padding + 2 * metrics.height() + 4};
}

void AlbumGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    painter->save();
    const QPalette &palette = option.palette;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QRect cell = option.rect;

    // A selected cell is tinted with the selection colour and ringed with it; its captions keep
    // the text colour. White on the selection colour itself would read poorly with many
    // themes' light palettes (contrast 2.4 to 3.7 with Breeze, Adwaita and Fusion).
    if (selected || option.state.testFlag(QStyle::State_MouseOver)) {
        const QColor highlight = palette.color(QPalette::Highlight);
        QColor tint = highlight;
        tint.setAlpha(selected ? 90 : 40);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(selected ? QPen(highlight, 2) : QPen(Qt::NoPen));
        painter->setBrush(tint);
        painter->drawRoundedRect(QRectF(cell).adjusted(2, 2, -2, -2), 6, 6);
    }

    const QRectF cover(cell.left() + padding, cell.top() + padding, m_coverSize, m_coverSize);
    if (const QVariant loaded = index.data(AlbumListModel::LoadedRole);
        loaded.isValid() && !loaded.toBool()) {
        // The row's page is on its way (a jump far down a large collection): a quiet cell,
        // not a placeholder that would change a moment later.
        QColor blank = palette.color(QPalette::Mid);
        blank.setAlphaF(0.25f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(blank);
        painter->drawRect(cover);
        painter->restore();
        return;
    }
    const QString title = index.data(AlbumListModel::TitleRole).toString();
    const QString artist = index.data(AlbumListModel::ArtistRole).toString();
    const auto *albums = qobject_cast<const AlbumListModel *>(index.model());
    const AlbumSummary *album = albums ? albums->summaryAt(index.row()) : nullptr;
    const qreal ratio = option.widget ? option.widget->devicePixelRatioF() : 1.0;
    const QPixmap image
        = m_covers && album ? m_covers->cover(*album, decodedSize(m_coverSize, ratio)) : QPixmap();
    if (image.isNull() && m_covers && album && !album->coverFile.isEmpty()
        && !m_covers->isMissing(album->id)) {
        CoverPlaceholder::paintPending(painter, cover, artist, title);
    } else if (image.isNull()) {
        CoverPlaceholder::paint(painter, cover, artist, title);
    } else {
        // Letterboxed in its square when it is not one.
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        const QSizeF shown = QSizeF(image.size()).scaled(cover.size(), Qt::KeepAspectRatio);
        const QRectF target(cover.center().x() - shown.width() / 2,
                            cover.center().y() - shown.height() / 2, shown.width(), shown.height());
        painter->drawPixmap(target, image, QRectF(image.rect()));
    }

    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics artistMetrics(option.font);
    const int textWidth = m_coverSize;
    const QRect titleRect(cell.left() + padding, int(cover.bottom()) + 4, textWidth,
                          titleMetrics.height());
    const QRect artistRect(titleRect.left(), titleRect.bottom() + 1, textWidth,
                           artistMetrics.height());

    const QColor textColour = palette.color(QPalette::Text);
    painter->setPen(textColour);
    painter->setFont(titleFont);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title, Qt::ElideRight, textWidth));
    QColor secondary = textColour;
    secondary.setAlphaF(0.65f);
    painter->setPen(secondary);
    painter->setFont(option.font);
    painter->drawText(artistRect, Qt::AlignLeft | Qt::AlignVCenter,
                      artistMetrics.elidedText(artist, Qt::ElideRight, textWidth));

    if (option.state.testFlag(QStyle::State_HasFocus) && !selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(cell).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
    }
    painter->restore();
}

} // namespace aime

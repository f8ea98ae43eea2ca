#pragma once

#include <QStyledItemDelegate>

namespace aime {

class CoverImageCache;

// One grid cell: the cover (its placeholder until the image is ready), then title and artist,
// elided.
// Every cell has the same size, which lets the view lay out 100,000 items without asking each.
class AlbumGridDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int minimumCoverSize = 96;
    static constexpr int maximumCoverSize = 320;
    static constexpr int defaultCoverSize = 160;

    explicit AlbumGridDelegate(QObject *parent = nullptr);

    int coverSize() const { return m_coverSize; }
    void setCoverSize(int pixels);
    // Where ready covers come from; without one, every cell shows its placeholder.
    void setCoverCache(CoverImageCache *covers) { m_covers = covers; }
    // The size covers are decoded at for a cell of `pixels` at device pixel ratio `ratio`:
    // rounded up to a step, so zooming reuses them.
    static int decodedSize(int pixels, qreal ratio);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_coverSize = defaultCoverSize;
    CoverImageCache *m_covers = nullptr;
};

} // namespace aime

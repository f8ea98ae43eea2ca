#pragma once

#include <QStyledItemDelegate>

namespace aime {

// One grid cell: the cover (a placeholder until covers exist), then title and artist, elided.
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

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_coverSize = defaultCoverSize;
};

} // namespace aime

#pragma once

#include <QStyledItemDelegate>

namespace aime {

// Paints Search Online's rows: a provider's group as its name and a state chip (a spinner while
// it searches, green when done, amber when it timed out, red when it failed, a link when it
// needs an account), and a result's title next to its cover thumbnail, with an "In collection"
// badge in the status column.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int thumbnailSize = 32;

    explicit SearchResultDelegate(QObject *parent = nullptr);

    // The spinner's position, advanced by the panel while a search runs.
    void setSpinnerFrame(int frame) { m_spinnerFrame = frame; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    void paintTitle(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;

    int m_spinnerFrame = 0;
};

} // namespace aime

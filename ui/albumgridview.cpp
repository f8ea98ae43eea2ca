#include "albumgridview.h"

#include "albumgriddelegate.h"

#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace aime {

namespace {

constexpr int zoomStep = 32;
constexpr int cellGap = 8;

} // namespace

AlbumGridView::AlbumGridView(QWidget *parent)
    : QListView(parent), m_delegate(new AlbumGridDelegate(this))
{
    setObjectName(QStringLiteral("albumGrid"));
    setAccessibleName(tr("Album grid"));
    setItemDelegate(m_delegate);
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWrapping(true);
    setUniformItemSizes(true);
    // Cells are spaced by the grid size alone (see updateGridSize), so the view adds none.
    setSpacing(0);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);
}

int AlbumGridView::coverSize() const
{
    return m_delegate->coverSize();
}

void AlbumGridView::setCoverSize(int pixels)
{
    const int before = m_delegate->coverSize();
    m_delegate->setCoverSize(pixels);
    if (m_delegate->coverSize() == before)
        return;
    verticalScrollBar()->setSingleStep(m_delegate->coverSize() / 4);
    updateGridSize();
    // The view caches the uniform cell size; the delegate's signal makes it lay out anew.
    Q_EMIT m_delegate->sizeHintChanged(QModelIndex());
    Q_EMIT coverSizeChanged(m_delegate->coverSize());
}

void AlbumGridView::zoomIn()
{
    setCoverSize(coverSize() + zoomStep);
}

void AlbumGridView::zoomOut()
{
    setCoverSize(coverSize() - zoomStep);
}

void AlbumGridView::resetZoom()
{
    setCoverSize(AlbumGridDelegate::defaultCoverSize);
}

void AlbumGridView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    updateGridSize();
}

void AlbumGridView::updateGridSize()
{
    // Share the spare width out between the columns instead of leaving a gap on the right.
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QSize cell = m_delegate->sizeHint(option, {}) + QSize(cellGap, cellGap);
    const int available = qMax(cell.width(), viewport()->width() - 1);
    const int columns = qMax(1, available / cell.width());
    const QSize grid(available / columns, cell.height());
    if (grid != gridSize())
        setGridSize(grid);
}

void AlbumGridView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers().testFlag(Qt::ControlModifier)) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0)
            setCoverSize(coverSize() + steps * zoomStep);
        event->accept();
        return;
    }
    QListView::wheelEvent(event);
}

} // namespace aime

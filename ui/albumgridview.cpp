#include "albumgridview.h"

#include "albumgriddelegate.h"
#include "albumlistmodel.h"
#include "coverimagecache.h"

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
    // A collection of 100,000 is laid out a slice per event-loop pass, the first screen first,
    // so neither start-up nor an import's layout change holds the GUI thread for the whole.
    setLayoutMode(QListView::Batched);
    setBatchSize(2000);
    // The cells wrap to the width; while batches are laid out the view may briefly think its
    // content is wider, and a horizontal bar would flash in and out.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Cells are spaced by the grid size alone (see updateGridSize), so the view adds none.
    setSpacing(0);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);

    // The wanted covers are worked out at most every 60 ms while scrolling (a fling passes
    // thousands of albums), and once more when it stops.
    m_wantedDelay.setSingleShot(true);
    m_wantedDelay.setInterval(60);
    connect(&m_wantedDelay, &QTimer::timeout, this,
            [this] { updateWantedCovers(CoverRequests::ScreenAndAhead); });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &AlbumGridView::updateWantedCoversSoon);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &AlbumGridView::updateWantedCoversSoon);
}

void AlbumGridView::updateWantedCoversSoon()
{
    if (!m_wantedDelay.isActive())
        m_wantedDelay.start();
}

void AlbumGridView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        disconnect(this->model(), &QAbstractItemModel::layoutChanged, this,
                   &AlbumGridView::updateWantedCoversSoon);
    QListView::setModel(model);
    if (model)
        connect(model, &QAbstractItemModel::layoutChanged, this,
                &AlbumGridView::updateWantedCoversSoon);
    updateWantedCoversSoon();
}

void AlbumGridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                const QList<int> &roles)
{
    QListView::dataChanged(topLeft, bottomRight, roles);
    // A page of albums has arrived (a cover's own change names its role): its covers may be
    // the ones on screen.
    if (!roles.contains(AlbumListModel::CoverRole))
        updateWantedCoversSoon();
}

void AlbumGridView::reset()
{
    QListView::reset();
    // A new query's first screen: its covers start decoding now, while the first paint runs;
    // the screen ahead a moment later.
    updateWantedCovers(CoverRequests::ScreenOnly);
    updateWantedCoversSoon();
}

void AlbumGridView::showEvent(QShowEvent *event)
{
    QListView::showEvent(event);
    updateWantedCovers(CoverRequests::ScreenOnly);
    updateWantedCoversSoon();
}

void AlbumGridView::setCoverCache(CoverImageCache *covers)
{
    m_covers = covers;
    m_delegate->setCoverCache(covers);
    m_wantedDelay.start();
}

void AlbumGridView::updateWantedCovers(CoverRequests requests)
{
    auto *albums = qobject_cast<AlbumListModel *>(model());
    // A hidden grid has no size yet (it shows once the first page is there); until it says,
    // every album is wanted.
    if (!m_covers || !albums || albums->rowCount() == 0 || !isVisible())
        return;
    // The screen's albums from the layout's uniform lines, not from indexAt(), which misses
    // wherever a corner falls between cells. Just after a reset nothing is laid out yet, but
    // the grid will show its top.
    const QRect area = viewport()->rect();
    int firstRow = 0;
    int columns = qMax(1, area.width() / qMax(1, gridSize().width()));
    int pitch = qMax(1, gridSize().height());
    const QRect firstCell = visualRect(albums->index(0));
    if (firstCell.isValid()) {
        columns = 1;
        while (columns < albums->rowCount() && columns < 256
               && visualRect(albums->index(columns)).top() == firstCell.top())
            ++columns;
        if (columns < albums->rowCount())
            pitch = qMax(1, visualRect(albums->index(columns)).top() - firstCell.top());
        const int scrolled = qMax(0, area.top() - firstCell.top());
        firstRow = qMin(albums->rowCount() - 1, scrolled / pitch * columns);
    }
    const QModelIndex first = albums->index(firstRow);
    const int lines = (area.height() + pitch - 1) / pitch + 1;
    const int lastRow = qMin(albums->rowCount() - 1, firstRow + lines * columns - 1);
    // One screen ahead and one behind stay wanted; the screen ahead is asked for now.
    const int screen = lastRow - first.row() + 1;
    const int from = qMax(0, first.row() - screen);
    const int to = qMin(albums->rowCount() - 1, lastRow + screen);
    const int pixels = AlbumGridDelegate::decodedSize(m_delegate->coverSize(), devicePixelRatioF());
    QSet<qint64> wanted;
    wanted.reserve(to - from + 1);
    for (int row = from; row <= to; ++row) {
        if (const AlbumSummary *album = albums->summaryAt(row))
            wanted.insert(album->id);
    }
    m_covers->setWanted(wanted);
    // Cells asked for while they were not yet wanted ask again.
    viewport()->update();
    // The screen itself first (before the paint that would ask for it), then the one ahead;
    // a new screen's own covers only, so the screen ahead does not compete with them.
    const int lastRequested = requests == CoverRequests::ScreenOnly ? lastRow : to;
    for (int row = first.row(); row <= lastRequested; ++row) {
        if (const AlbumSummary *album = albums->summaryAt(row))
            m_covers->cover(*album, pixels);
    }
}

int AlbumGridView::coverSize() const
{
    return m_delegate->coverSize();
}

void AlbumGridView::setCoverSize(int pixels)
{
    m_wantedDelay.start();
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
    m_wantedDelay.start();
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

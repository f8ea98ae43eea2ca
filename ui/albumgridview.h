#pragma once

#include <QListView>
#include <QTimer>

namespace aime {

class AlbumGridDelegate;
class CoverImageCache;

// The cover grid: icon mode, uniform cells, zoomable with Ctrl+wheel (and View > Zoom).
class AlbumGridView : public QListView
{
    Q_OBJECT

public:
    explicit AlbumGridView(QWidget *parent = nullptr);

    int coverSize() const;
    void setCoverSize(int pixels);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    // Covers for the albums on screen and one screen ahead; others' downloads are abandoned.
    void setCoverCache(CoverImageCache *covers);
    void setModel(QAbstractItemModel *model) override;

Q_SIGNALS:
    void coverSizeChanged(int pixels);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void reset() override;
    void showEvent(QShowEvent *event) override;

private:
    void updateGridSize();
    enum class CoverRequests { ScreenOnly, ScreenAndAhead };
    void updateWantedCovers(CoverRequests requests);
    void updateWantedCoversSoon();

    AlbumGridDelegate *m_delegate;
    CoverImageCache *m_covers = nullptr;
    QTimer m_wantedDelay;
};

} // namespace aime

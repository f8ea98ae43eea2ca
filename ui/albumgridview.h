#pragma once

#include <QListView>

namespace aime {

class AlbumGridDelegate;

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

Q_SIGNALS:
    void coverSizeChanged(int pixels);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateGridSize();

    AlbumGridDelegate *m_delegate;
};

} // namespace aime

#pragma once

#include <QWidget>

namespace aime {

// What a person sees on the first start: what AIME is for and one button per way to fill it.
class EmptyCollectionWidget : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyCollectionWidget(QWidget *parent = nullptr);

Q_SIGNALS:
    void importDiscogsCsvRequested();
    void loadSampleRequested();
    void importDiscogsCollectionRequested();
    void importSpotifyRequested();
};

} // namespace aime

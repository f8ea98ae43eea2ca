#pragma once

#include "domain/album.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;

namespace aime {

class ImportManager;

// Shown in the details pane instead of an empty tracklist: says why the album has none, in the
// words that are true for where it came from, and offers to fetch it when Discogs can give it.
class TracklistNotice : public QWidget
{
    Q_OBJECT

public:
    explicit TracklistNotice(QWidget *parent = nullptr);

    // Without it the notice only explains; with it, it follows the running imports and can
    // fetch a release's details as a small job.
    void setImportManager(ImportManager *imports);
    void showFor(const Album &album);
    QString text() const;

private:
    enum class Reason { DetailsOnTheirWay, DetailsBeingFetched, DetailsNotFetched, File, Unknown };

    Reason reasonFor(const Album &album) const;
    void update();
    bool jobRunning(const QString &source, const QJsonObject &params) const;

    ImportManager *m_imports = nullptr;
    Album m_album;
    QJsonObject m_fetchParams;
    QLabel *m_text;
    QPushButton *m_fetch;
};

} // namespace aime

#pragma once

#include "import/csvimportreport.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QThreadPool;

namespace aime {

class AlbumStore;

// The running CSV import in the status bar: what it reads, how far it is, and Cancel.
// (Import jobs with their own panel replace it when network imports arrive.)
class ImportProgressWidget : public QWidget
{
    Q_OBJECT

public:
    ImportProgressWidget(AlbumStore *store, QThreadPool *pool, QWidget *parent = nullptr);
    ~ImportProgressWidget() override;

    bool isRunning() const { return m_watcher.isRunning(); }
    // false when an import is already running.
    bool start(const QString &path, const QString &displayName);
    void cancel();

Q_SIGNALS:
    void started(const QString &displayName);
    void finished(const QString &displayName, const aime::CsvImportReport &report);

private:
    AlbumStore *m_store;
    QThreadPool *m_pool;
    QString m_displayName;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    QFutureWatcher<CsvImportReport> m_watcher;
    QLabel *m_label;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace aime

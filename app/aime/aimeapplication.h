#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace aime {

class AlbumListModel;
class AlbumStore;
class MainWindow;
class WorkerPool;

// The composition root of the GUI: builds the store, the pool, the models and the window, in
// an order whose reverse is a clean shutdown (the pool drains before the store closes).
class AimeApplication : public QObject
{
    Q_OBJECT

public:
    explicit AimeApplication(const QString &dataDir, QObject *parent = nullptr);
    ~AimeApplication() override;

    // Shows the window at once and opens the store on the pool; the window follows its state.
    void start();
    MainWindow *mainWindow() const { return m_window.get(); }
    AlbumStore *store() const { return m_store.get(); }

private:
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<AlbumListModel> m_albums;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace aime

#include "aimeapplication.h"

#include "albumlistmodel.h"
#include "core/datalocation.h"
#include "core/futurecallback.h"
#include "core/workerpool.h"
#include "mainwindow.h"
#include "store/albumstore.h"

#include <QtConcurrent>

namespace aime {

AimeApplication::AimeApplication(const QString &dataDir, QObject *parent)
    : QObject(parent),
      m_store(std::make_unique<AlbumStore>(DataLocation::sqliteStore(dataDir))),
      m_pool(std::make_unique<WorkerPool>()),
      m_albums(std::make_unique<AlbumListModel>(m_store.get(), m_pool.get())),
      m_window(std::make_unique<MainWindow>(m_store.get(), m_pool.get(), m_albums.get()))
{ }

AimeApplication::~AimeApplication()
{
    m_window.reset();
    m_albums.reset();
    // Waits (at most 5 s) for workers that still use the store, then the store closes.
    m_pool.reset();
    m_store.reset();
}

void AimeApplication::start()
{
    m_window->show();
    AlbumStore *store = m_store.get();
    onFinished(QtConcurrent::run(static_cast<QThreadPool *>(m_pool.get()),
                                 [store] { return store->open(); }),
               this, [this](const StoreStatus &status) { m_window->storeOpened(status); });
}

} // namespace aime

#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace aime {

// Runs handler(result) on context's thread when future finishes, and never once context is
// gone. QFuture::then(context, ...) does this too, but Qt 6.4 asserts when the context dies
// before the future finishes; a watcher owned by the context simply dies with it.
template<typename T, typename Handler>
void onFinished(QFuture<T> future, QObject *context, Handler &&handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context,
                     [watcher, handler = std::forward<Handler>(handler)]() mutable {
                         watcher->deleteLater();
                         if (watcher->future().resultCount() > 0)
                             handler(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace aime

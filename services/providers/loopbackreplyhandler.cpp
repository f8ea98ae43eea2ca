#include "providers/loopbackreplyhandler.h"

#include <QHostAddress>

namespace aime {

LoopbackReplyHandler::LoopbackReplyHandler(quint16 port, QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), port, parent)
{
    setCallbackPath(QStringLiteral("/callback"));
    // Qt wraps this in its own <html><body>.
    setCallbackText(tr("<h2 style=\"font-family: sans-serif\">AIME received Spotify's answer.</h2>"
                       "<p style=\"font-family: sans-serif\">You can close this tab and go back "
                       "to AIME.</p>"));
}

QString LoopbackReplyHandler::callback() const
{
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(port());
}

} // namespace aime

#include "providers/loopbackreplyhandler.h"

#include <QHostAddress>

namespace aime {

LoopbackReplyHandler::LoopbackReplyHandler(quint16 port, QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), port, parent)
{
    setCallbackPath(QStringLiteral("/callback"));
    setCallbackText(tr("<html><head><meta charset=\"utf-8\"><title>AIME</title></head>"
                       "<body style=\"font-family: sans-serif; margin: 3em\">"
                       "<h2>AIME received Spotify's answer.</h2>"
                       "<p>You can close this tab and go back to AIME.</p></body></html>"));
}

QString LoopbackReplyHandler::callback() const
{
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(port());
}

} // namespace aime

#pragma once

#include <QOAuthHttpServerReplyHandler>
#include <QString>

namespace aime {

// Receives an OAuth redirect in a local HTTP listener bound to 127.0.0.1, and announces the
// redirect URI as http://127.0.0.1:PORT/callback. Qt 6.4's handler announces "localhost",
// which Spotify refuses since 2025 (PROVIDERS.md section 1.4): only loopback IP literals are
// accepted without HTTPS.
class LoopbackReplyHandler : public QOAuthHttpServerReplyHandler
{
    Q_OBJECT

public:
    // Listens on 127.0.0.1 at `port`, or at a free port when 0; see isListening().
    explicit LoopbackReplyHandler(quint16 port = 0, QObject *parent = nullptr);

    QString callback() const override;
};

} // namespace aime

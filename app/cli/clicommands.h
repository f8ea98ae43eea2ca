#pragma once

#include <QStringList>

namespace aime {

// aime-cli: import, list and export without a window (docs/cli.md). Exit codes: 0 ok, 1 partial
// (some rows rejected), 2 usage or fatal error.
class CliCommands
{
public:
    enum ExitCode { Ok = 0, Partial = 1, Fatal = 2 };

    static int run(const QStringList &arguments);
};

} // namespace aime

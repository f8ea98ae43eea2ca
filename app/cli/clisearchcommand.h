#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace aime {

class AlbumStore;
class SearchSession;

// aime-cli search QUERY [--providers ...] [--format text|json] (docs/cli.md): the window's
// Search Online without a window. Text prints each provider's results as they arrive; JSON
// prints one object at the end. Exit 0 when at least one provider answered.
class CliSearchCommand : public QObject
{
    Q_OBJECT

public:
    // providers: names from SearchProviders::all(); empty means all of them. Unknown names are
    // a usage error (checked by usageError() before the store is opened).
    static int run(AlbumStore *store, const QString &query, const QStringList &providers,
                   bool json);
    // Empty when the arguments are fine.
    static QString usageError(const QString &query, const QStringList &providers,
                              const QString &format);

private:
    explicit CliSearchCommand(bool json) : m_json(json) { }
    void printProvider(const SearchSession &session, const QString &provider);
    void printJson(const SearchSession &session);

    bool m_json;
};

} // namespace aime

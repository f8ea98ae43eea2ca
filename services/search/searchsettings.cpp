#include "search/searchsettings.h"

#include "search/searchresults.h"

#include <QCoreApplication>
#include <QSettings>

namespace aime {

namespace {

constexpr auto orderKey = "search/providerOrder";

void readMilliseconds(const QProcessEnvironment &environment, const char *name,
                      std::chrono::milliseconds *value, QStringList *problems)
{
    const QString text = environment.value(QLatin1String(name)).trimmed();
    if (text.isEmpty())
        return;
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    // QTimer counts in an int; a day is more than anyone waits for a search.
    constexpr qint64 longest = 24LL * 3600 * 1000;
    if (!ok || ms <= 0 || ms > longest) {
        problems->append(
            QCoreApplication::translate("aime::SearchSettings",
                                        "%1=%2 is not a number of milliseconds; using %3 ms.")
                .arg(QLatin1String(name), text)
                .arg(value->count()));
        return;
    }
    *value = std::chrono::milliseconds(ms);
}

} // namespace

QStringList SearchSettings::normalisedOrder(const QStringList &order)
{
    QStringList online = SearchProviders::all();
    online.removeAll(QLatin1String(SearchProviders::local));
    QStringList result;
    for (const QString &name : order) {
        if (online.contains(name) && !result.contains(name))
            result.append(name);
    }
    for (const QString &name : std::as_const(online)) {
        if (!result.contains(name))
            result.append(name);
    }
    return result;
}

QStringList SearchSettings::providerOrder()
{
    return normalisedOrder(QSettings().value(QLatin1String(orderKey)).toStringList());
}

void SearchSettings::setProviderOrder(const QStringList &order)
{
    QSettings().setValue(QLatin1String(orderKey), normalisedOrder(order));
}

SearchTimeouts SearchSettings::timeoutsFromEnvironment(const QProcessEnvironment &environment,
                                                       QString *problem)
{
    SearchTimeouts timeouts;
    QStringList problems;
    readMilliseconds(environment, providerTimeoutVariable, &timeouts.provider, &problems);
    readMilliseconds(environment, localTimeoutVariable, &timeouts.local, &problems);
    readMilliseconds(environment, totalTimeoutVariable, &timeouts.total, &problems);
    if (problem)
        *problem = problems.join(u' ');
    return timeouts;
}

} // namespace aime

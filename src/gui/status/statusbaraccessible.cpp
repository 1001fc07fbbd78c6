#include "statusbaraccessible.h"

#include <QAccessibleWidget>
#include <QCoreApplication>
#include <QStatusBar>

namespace {

class MessageStatusBarAccessible final : public QAccessibleWidget
{
public:
    explicit MessageStatusBarAccessible(QStatusBar *bar)
        : QAccessibleWidget(bar, QAccessible::StatusBar)
    {}

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name) {
            const QString message = static_cast<QStatusBar *>(widget())->currentMessage();
            if (!message.isEmpty())
                return message;
            const QString own = QAccessibleWidget::text(t);
            return own.isEmpty() ? QCoreApplication::translate("StatusBarAccessible", "Status")
                                 : own;
        }
        return QAccessibleWidget::text(t);
    }
};

QAccessibleInterface *statusBarFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String("QStatusBar") && object && object->isWidgetType())
        return new MessageStatusBarAccessible(static_cast<QStatusBar *>(object));
    return nullptr;
}

} // namespace

namespace StatusBarAccessible {

void install()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    QAccessible::installFactory(statusBarFactory);
}

} // namespace StatusBarAccessible

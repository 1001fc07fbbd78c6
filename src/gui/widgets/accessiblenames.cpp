#include "accessiblenames.h"

#include <QApplication>
#include <QEvent>
#include <QLineEdit>
#include <QSizeGrip>
#include <QSplitterHandle>
#include <QToolButton>

namespace {

struct Part
{
    const char *name;
    const char *description;
};

constexpr Part SplitterHandle{
    QT_TRANSLATE_NOOP("AccessibleNames", "Resize"),
    QT_TRANSLATE_NOOP("AccessibleNames", "Drag to share the space between the parts beside it")};
constexpr Part SizeGrip{QT_TRANSLATE_NOOP("AccessibleNames", "Resize window"),
                        QT_TRANSLATE_NOOP("AccessibleNames", "Drag to resize the window")};
constexpr Part ToolBarExtension{
    QT_TRANSLATE_NOOP("AccessibleNames", "More actions"),
    QT_TRANSLATE_NOOP("AccessibleNames", "The toolbar's actions that do not fit")};
constexpr Part ClearButton{QT_TRANSLATE_NOOP("AccessibleNames", "Clear"),
                           QT_TRANSLATE_NOOP("AccessibleNames", "Empties the field")};

void name(QWidget *widget, const Part &part)
{
    if (!widget->accessibleName().isEmpty())
        return;
    widget->setAccessibleName(QCoreApplication::translate("AccessibleNames", part.name));
    widget->setAccessibleDescription(
        QCoreApplication::translate("AccessibleNames", part.description));
}

class QtPartNamer final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Polish || !watched->isWidgetType())
            return false;
        auto *widget = static_cast<QWidget *>(watched);
        if (qobject_cast<QSplitterHandle *>(widget)) {
            name(widget, SplitterHandle);
        } else if (qobject_cast<QSizeGrip *>(widget)) {
            name(widget, SizeGrip);
        } else if (qobject_cast<QToolButton *>(widget)) {
            if (widget->objectName() == QLatin1String("qt_toolbar_ext_button"))
                name(widget, ToolBarExtension);
            else if (qobject_cast<QLineEdit *>(widget->parentWidget()))
                name(widget, ClearButton);
        }
        return false;
    }
};

} // namespace

namespace AccessibleNames {

void watch()
{
    static QtPartNamer *namer = nullptr;
    if (namer || !qApp)
        return;
    namer = new QtPartNamer(qApp);
    qApp->installEventFilter(namer);
}

} // namespace AccessibleNames

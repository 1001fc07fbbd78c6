#include "confirmation.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace Confirmation {

static QString settingsKey(const QString &key)
{
    return QStringLiteral("confirm/") + key;
}

bool isAskingFor(const QString &key)
{
    return QSettings().value(settingsKey(key), true).toBool();
}

void setAskingFor(const QString &key, bool ask)
{
    QSettings().setValue(settingsKey(key), ask);
}

bool ask(QWidget *parent, const QString &key, const QString &title, const QString &text,
         const QString &acceptText)
{
    if (!isAskingFor(key))
        return true;
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("confirmBox"));
    QPushButton *accept = box.addButton(acceptText, QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);
    auto *dontAsk = new QCheckBox(
        QCoreApplication::translate("Confirmation", "Don't ask again"), &box);
    dontAsk->setAccessibleName(QCoreApplication::translate("Confirmation", "Don't ask again"));
    dontAsk->setAccessibleDescription(QCoreApplication::translate(
        "Confirmation", "Do this action from now on without asking first"));
    box.setCheckBox(dontAsk);
    accept->setAccessibleName(acceptText);
    accept->setAccessibleDescription(text);
    box.exec();
    if (box.clickedButton() != accept)
        return false;
    if (dontAsk->isChecked())
        setAskingFor(key, false);
    return true;
}

} // namespace Confirmation

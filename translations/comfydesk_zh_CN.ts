<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>ComfyDesk</source>
        <translation>ComfyDesk</translation>
    </message>
    <message>
        <source>ComfyUI server</source>
        <translation>ComfyUI 服务器</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>地址(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>队列：</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>尚未测试。</translation>
    </message>
    <message>
        <source>“%1” is not an http:// or https:// address.</source>
        <translation>“%1”不是 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Asking %1 …</source>
        <translation>正在询问 %1 …</translation>
    </message>
    <message>
        <source>no device</source>
        <translation>无设备</translation>
    </message>
    <message>
        <source>ComfyUI %1 on %2, %3 of RAM free</source>
        <translation>ComfyUI %1，设备 %2，可用内存 %3</translation>
    </message>
    <message>
        <source>(unknown version)</source>
        <translation>（未知版本）</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>正在连接 %1 …</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost, reconnecting …</source>
        <translation>与 %1 的连接已断开，正在重新连接 …</translation>
    </message>
    <message>
        <source>Unknown until connected</source>
        <translation>连接后才能得知</translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n 个运行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message>
        <source>REST API for scripts and plug-ins</source>
        <translation>供脚本和插件使用的 REST API</translation>
    </message>
    <message>
        <source>&amp;Serve the REST API</source>
        <translation>提供 REST API(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>T&amp;oken:</source>
        <translation>令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>Not needed on 127.0.0.1; generated for other addresses</source>
        <translation>监听 127.0.0.1 时无需令牌；其他地址会自动生成</translation>
    </message>
    <message>
        <source>Off. Scripts and plug-ins on this computer or the LAN can run workflows through it when it is on.</source>
        <translation>已关闭。开启后，本机或局域网中的脚本和插件可以通过它运行工作流。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Prompt %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>其他客户端</translation>
    </message>
</context>
</TS>

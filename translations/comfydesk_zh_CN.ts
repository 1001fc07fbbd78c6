<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessibleNames</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Empties the field</source>
        <translation>清空此输入框</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <source>The toolbar&apos;s actions that do not fit</source>
        <translation>工具栏中放不下的操作</translation>
    </message>
    <message>
        <source>Resize</source>
        <translation>调整大小</translation>
    </message>
    <message>
        <source>Drag to share the space between the parts beside it</source>
        <translation>拖动以调整两侧区域的大小</translation>
    </message>
    <message>
        <source>Resize window</source>
        <translation>调整窗口大小</translation>
    </message>
    <message>
        <source>Drag to resize the window</source>
        <translation>拖动以调整窗口大小</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>Do this action from now on without asking first</source>
        <translation>以后直接执行此操作，不再先询问</translation>
    </message>
</context>
<context>
    <name>ConnectionText</name>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP 状态码 %1</translation>
    </message>
    <message>
        <source>not ComfyUI</source>
        <translation>不是 ComfyUI</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>找不到主机</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>proxy error</source>
        <translation>代理错误</translation>
    </message>
    <message>
        <source>network unavailable</source>
        <translation>网络不可用</translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>ComfyUI (version unknown)</source>
        <translation>ComfyUI（版本未知）</translation>
    </message>
    <message>
        <source>ComfyUI %1</source>
        <translation>ComfyUI %1</translation>
    </message>
    <message>
        <source>%1 free VRAM</source>
        <translation>可用 VRAM %1</translation>
    </message>
</context>
<context>
    <name>DesktopWiring</name>
    <message>
        <source>The REST API is off.</source>
        <translation>REST API 已关闭。</translation>
    </message>
    <message numerus="yes">
        <source>Re-queued %n lost prompt(s).</source>
        <translation>
            <numerusform>已重新加入 %n 个丢失的提示。</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-queueing failed: %1</source>
        <translation>重新加入队列失败：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>The simulator (comfydesk-sim) is not installed next to ComfyDesk. Set COMFYDESK_SIM to its path if it is elsewhere.</source>
        <translation>模拟器（comfydesk-sim）未安装在 ComfyDesk 所在的目录中。如果它位于其他位置，请将 COMFYDESK_SIM 设为其路径。</translation>
    </message>
    <message>
        <source>The simulator at %1 could not be run.</source>
        <translation>无法运行位于 %1 的模拟器。</translation>
    </message>
    <message>
        <source>The simulator stopped at once (exit code %1).</source>
        <translation>模拟器启动后立即退出（退出代码 %1）。</translation>
    </message>
    <message>
        <source>The simulator crashed while starting.</source>
        <translation>模拟器在启动时崩溃。</translation>
    </message>
    <message>
        <source>The simulator did not report its address in time.</source>
        <translation>模拟器未能及时报告其地址。</translation>
    </message>
    <message>
        <source>%1 It said: “%2”</source>
        <translation>%1 输出信息：“%2”</translation>
    </message>
    <message>
        <source>ComfyUI is not reachable</source>
        <translation>无法访问 ComfyUI</translation>
    </message>
    <message>
        <source>Start ComfyUI on this computer (it listens on port 8188 unless told otherwise), or enter the address of the computer that runs it in Settings. ComfyDesk connects as soon as ComfyUI answers.

No ComfyUI yet? The built-in simulator runs workflows without a GPU and makes placeholder images, so you can try everything first.</source>
        <translation>请在本机启动 ComfyUI（除非另行指定，它监听 8188 端口），或在“设置”中输入运行 ComfyUI 的计算机的地址。ComfyUI 一有响应，ComfyDesk 就会立即连接。

还没有 ComfyUI？内置模拟器无需 GPU 即可运行工作流，并生成占位图像，您可以先试用所有功能。</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Tries to connect to ComfyUI again now</source>
        <translation>立即重新尝试连接 ComfyUI</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Opens the settings to change the address of ComfyUI</source>
        <translation>打开设置以更改 ComfyUI 的地址</translation>
    </message>
    <message>
        <source>Try the built-in &amp;simulator</source>
        <translation>试用内置模拟器(&amp;S)</translation>
    </message>
    <message>
        <source>Try the built-in simulator</source>
        <translation>试用内置模拟器</translation>
    </message>
    <message>
        <source>Starts a stand-in for ComfyUI on this computer and connects to it</source>
        <translation>在本机启动一个 ComfyUI 的替代程序并连接到它</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>出错原因</translation>
    </message>
    <message>
        <source>The address tried and the error</source>
        <translation>尝试的地址及错误</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>解决方法</translation>
    </message>
    <message>
        <source>Simulator state</source>
        <translation>模拟器状态</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Starting the simulator…</source>
        <translation>正在启动模拟器…</translation>
    </message>
    <message>
        <source>The simulator could not start.</source>
        <translation>模拟器无法启动。</translation>
    </message>
    <message>
        <source>No ComfyUI server is set.</source>
        <translation>尚未设置 ComfyUI 服务器。</translation>
    </message>
    <message>
        <source>ComfyDesk tried %1: %2.</source>
        <translation>ComfyDesk 尝试连接 %1：%2。</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>正在尝试 %1…</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>(no prompt text)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>Seed: %1</source>
        <translation>种子：%1</translation>
    </message>
    <message>
        <source>The image is no longer on the server or in the cache.</source>
        <translation>此图像已不在服务器上，也不在缓存中。</translation>
    </message>
    <message>
        <source>Missing image: %1</source>
        <translation>缺失的图像：%1</translation>
    </message>
    <message>
        <source>Image %1 of %2: %3</source>
        <translation>第 %1 张，共 %2 张：%3</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Thumbnail size:</source>
        <translation>缩略图大小：</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Compare the Two</source>
        <translation>对比这两张(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Every image in the catalogue, newest first</source>
        <translation>目录中的所有图像，最新的在前</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Thumbnails of the images, newest first. Enter opens one; Delete removes the selected prompts.</source>
        <translation>图像缩略图，最新的在前。按 Enter 打开；按 Delete 删除所选提示。</translation>
    </message>
    <message>
        <source>Images you make appear here.</source>
        <translation>你生成的图像会显示在这里。</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <source>The side of each thumbnail, in pixels</source>
        <translation>每个缩略图的边长（像素）</translation>
    </message>
    <message>
        <source>Open the image in the viewer</source>
        <translation>在查看器中打开图像</translation>
    </message>
    <message>
        <source>Compare the two selected images</source>
        <translation>对比所选的两张图像</translation>
    </message>
    <message>
        <source>Delete the selected images&apos; prompts from the catalogue</source>
        <translation>从目录中删除所选图像的提示</translation>
    </message>
    <message>
        <source>No images match this search.</source>
        <translation>没有与此搜索匹配的图像。</translation>
    </message>
    <message>
        <source>Export the prompts of the selected images (CSV or JSON, with their images if you want)</source>
        <translation>导出所选图像的提示词（CSV 或 JSON，可附带图像）</translation>
    </message>
    <message>
        <source>Gallery actions</source>
        <translation>图库操作</translation>
    </message>
</context>
<context>
    <name>HistoryDetails</name>
    <message>
        <source>Another client&apos;s prompt</source>
        <translation>其他客户端的提示</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>加入队列时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Prompt id</source>
        <translation>提示 ID</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Same values as the workflow file.</source>
        <translation>与工作流文件中的值相同。</translation>
    </message>
    <message>
        <source>Changed from the workflow file</source>
        <translation>相对工作流文件的改动</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Every prompt the catalogue remembers, newest first</source>
        <translation>目录中记录的所有提示，最新的在前</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Newest first; Enter opens the images, the context menu has every action</source>
        <translation>最新的在前；按 Enter 打开图像，右键菜单中有全部操作</translation>
    </message>
    <message>
        <source>Prompt details</source>
        <translation>提示详情</translation>
    </message>
    <message>
        <source>The selected prompt&apos;s parameters, what differs from its workflow file, and its error</source>
        <translation>所选提示的参数、与其工作流文件的差异以及错误信息</translation>
    </message>
    <message>
        <source>Select a prompt to see its parameters.</source>
        <translation>选择一个提示以查看其参数。</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>Search prompts, seeds, workflows…</source>
        <translation>搜索提示词、种子、工作流…</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>Words of the prompt (all must match), a seed or any number; the list follows as you type</source>
        <translation>提示词中的词语（须全部匹配）、种子或任意数字；列表随输入即时更新</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <source>Shows only prompts in this state</source>
        <translation>只显示处于此状态的提示</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Period filter</source>
        <translation>时间筛选</translation>
    </message>
    <message>
        <source>Shows only prompts queued in this period</source>
        <translation>只显示在此期间加入队列的提示</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Workflow filter</source>
        <translation>工作流筛选</translation>
    </message>
    <message>
        <source>Shows only prompts of this workflow</source>
        <translation>只显示此工作流的提示</translation>
    </message>
    <message>
        <source>Any workflow</source>
        <translation>任意工作流</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已加星标</translation>
    </message>
    <message>
        <source>Shows only starred prompts</source>
        <translation>只显示已加星标的提示</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Queue the selected prompts again exactly as they ran</source>
        <translation>按原样将所选提示再次加入队列</translation>
    </message>
    <message>
        <source>Load into Editor</source>
        <translation>载入编辑器</translation>
    </message>
    <message>
        <source>Open its workflow with these parameters</source>
        <translation>用这些参数打开其工作流</translation>
    </message>
    <message>
        <source>Re-queue Lost</source>
        <translation>重新加入丢失的提示</translation>
    </message>
    <message>
        <source>Queue the selected lost prompts again</source>
        <translation>将所选的丢失提示再次加入队列</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>加星标</translation>
    </message>
    <message>
        <source>Star or unstar the selected prompts</source>
        <translation>为所选提示加上或取消星标</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Edit the tags of the selected prompt</source>
        <translation>编辑所选提示的标签</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Write a note on the selected prompt</source>
        <translation>为所选提示写备注</translation>
    </message>
    <message>
        <source>Copy Prompt Text</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <source>Copy the positive prompt of the selection</source>
        <translation>复制所选提示的正向提示词</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the prompts of this search to a CSV or JSON file, with their images if you want</source>
        <translation>将此次搜索的提示写入 CSV 或 JSON 文件，可选附带图像</translation>
    </message>
    <message>
        <source>Delete from Catalogue…</source>
        <translation>从目录中删除…</translation>
    </message>
    <message>
        <source>Forget the selected prompts and remove their cached images</source>
        <translation>删除所选提示的记录及其缓存图像</translation>
    </message>
    <message>
        <source>Delete from ComfyUI&apos;s History…</source>
        <translation>从 ComfyUI 历史中删除…</translation>
    </message>
    <message>
        <source>Remove the selected prompts from ComfyUI&apos;s own history</source>
        <translation>从 ComfyUI 自身的历史中移除所选提示</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n prompt(s) from ComfyUI&apos;s own history? The catalogue keeps them.</source>
        <translation>
            <numerusform>从 ComfyUI 自身的历史中移除 %n 个提示？目录中仍会保留它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>History actions</source>
        <translation>历史记录操作</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>取消星标</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>标签，以逗号分隔：</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A note on this prompt:</source>
        <translation>此提示的备注：</translation>
    </message>
    <message>
        <source>Export the History</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Also copy the cached images, each with a JSON file of its parameters, into a folder beside it?</source>
        <translation>是否同时将缓存的图像（每张附带一个记录参数的 JSON 文件）复制到旁边的文件夹中？</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n prompt(s) and their cached images from the catalogue? ComfyUI&apos;s own history is not touched.</source>
        <translation>
            <numerusform>从目录中删除 %n 个提示及其缓存图像？ComfyUI 自身的历史不受影响。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n prompt(s) from the catalogue.</source>
        <translation>
            <numerusform>已从目录中删除 %n 个提示。</numerusform>
        </translation>
    </message>
    <message>
        <source>No prompts match this search.</source>
        <translation>没有与此搜索匹配的提示。</translation>
    </message>
    <message>
        <source>Prompts you queue are listed here, and kept when ComfyUI restarts.</source>
        <translation>你加入队列的提示会列在这里，ComfyUI 重启后也会保留。</translation>
    </message>
    <message>
        <source>Export Selected…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <source>Write the selected prompts to a CSV or JSON file, with their images if you want</source>
        <translation>将所选提示词写入 CSV 或 JSON 文件，可附带图像</translation>
    </message>
    <message numerus="yes">
        <source>Export %n Prompt(s)</source>
        <translation>
            <numerusform>导出 %n 条提示词</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>other client</source>
        <translation>其他客户端</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>工作流</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
</context>
<context>
    <name>HistoryText</name>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Completed, no images</source>
        <translation>已完成，无图像</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已丢失</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Failed in node %1</source>
        <translation>在节点 %1 处失败</translation>
    </message>
    <message>
        <source>Lost; re-queued as %1</source>
        <translation>已丢失；已作为 %1 重新加入队列</translation>
    </message>
    <message>
        <source>Lost: ComfyUI restarted or forgot it before it ran</source>
        <translation>已丢失：ComfyUI 在运行它之前重启或遗忘了它</translation>
    </message>
    <message>
        <source>Lost: ComfyUI no longer knows it</source>
        <translation>已丢失：ComfyUI 已不再知道它</translation>
    </message>
    <message>
        <source>ComfyUI&apos;s record of it could not be read</source>
        <translation>无法读取 ComfyUI 对它的记录</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
</context>
<context>
    <name>ImageInputLoader</name>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Upload failed: %1</source>
        <translation>上传失败：%1</translation>
    </message>
</context>
<context>
    <name>ImageInputWidget</name>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose image file</source>
        <translation>选择图像文件</translation>
    </message>
    <message>
        <source>Uploads a local image to the server and uses it</source>
        <translation>将本地图像上传到服务器并使用</translation>
    </message>
    <message>
        <source>Image preview</source>
        <translation>图像预览</translation>
    </message>
    <message>
        <source>A thumbnail of the uploaded image</source>
        <translation>已上传图像的缩略图</translation>
    </message>
    <message>
        <source>Choose an image to upload</source>
        <translation>选择要上传的图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.bmp *.gif);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>The image, zoomable with the mouse wheel or plus and minus, moved by dragging; Ctrl and drag carries the file out.</source>
        <translation>图像：可用鼠标滚轮或加减键缩放，拖动可移动；按住 Ctrl 拖动可将文件拖出。</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image Viewer</source>
        <translation>图像查看器</translation>
    </message>
    <message>
        <source>One image at full size with the details of the prompt that made it.</source>
        <translation>以原始尺寸显示单张图像，并附带生成它的提示的详情。</translation>
    </message>
    <message>
        <source>Compared image</source>
        <translation>对比图像</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>图像详情</translation>
    </message>
    <message>
        <source>The prompt, seed, sampler, size, model, workflow, server and time of the image.</source>
        <translation>图像的提示词、种子、采样器、尺寸、模型、工作流、服务器和时间。</translation>
    </message>
    <message>
        <source>Image position and zoom</source>
        <translation>图像位置与缩放</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>滑块</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Compare mode</source>
        <translation>对比模式</translation>
    </message>
    <message>
        <source>How the compared image is shown: side by side, over the image with a split, or as the difference of the two.</source>
        <translation>对比图像的显示方式：并排、带分割线叠放在图像上，或显示两者的差异。</translation>
    </message>
    <message>
        <source>Viewer tools</source>
        <translation>查看器工具</translation>
    </message>
    <message>
        <source>Details width</source>
        <translation>详情宽度</translation>
    </message>
    <message>
        <source>No image.</source>
        <translation>没有图像。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Show the previous image</source>
        <translation>显示上一张图像</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>Show the next image</source>
        <translation>显示下一张图像</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Fit the whole image in the window</source>
        <translation>让整张图像适合窗口</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Show the image&apos;s true pixels, one per screen pixel</source>
        <translation>按真实像素显示图像，一个图像像素对应一个屏幕像素</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the image and its file to the clipboard</source>
        <translation>将图像及其文件复制到剪贴板</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save the image as PNG (with its workflow), JPEG or WebP</source>
        <translation>将图像另存为 PNG（含工作流）、JPEG 或 WebP</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show or hide the prompt&apos;s details</source>
        <translation>显示或隐藏提示的详情</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Queue the prompt that made this image again</source>
        <translation>将生成此图像的提示再次加入队列</translation>
    </message>
    <message>
        <source>Open Workflow</source>
        <translation>打开工作流</translation>
    </message>
    <message>
        <source>Open the workflow of this image in the editor</source>
        <translation>在编辑器中打开此图像的工作流</translation>
    </message>
    <message>
        <source>Move Split Left</source>
        <translation>分割线左移</translation>
    </message>
    <message>
        <source>Show more of the compared image</source>
        <translation>显示更多对比图像</translation>
    </message>
    <message>
        <source>Move Split Right</source>
        <translation>分割线右移</translation>
    </message>
    <message>
        <source>Show more of the image</source>
        <translation>显示更多当前图像</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Show the viewer on the whole screen</source>
        <translation>全屏显示查看器</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Leave full screen, or close the viewer</source>
        <translation>退出全屏，或关闭查看器</translation>
    </message>
    <message>
        <source>Save Image As</source>
        <translation>图像另存为</translation>
    </message>
    <message>
        <source>PNG image, keeps the workflow (*.png);;JPEG image (*.jpg *.jpeg);;WebP image (*.webp)</source>
        <translation>PNG 图像，保留工作流 (*.png);;JPEG 图像 (*.jpg *.jpeg);;WebP 图像 (*.webp)</translation>
    </message>
    <message>
        <source>Image Quality</source>
        <translation>图像质量</translation>
    </message>
    <message>
        <source>Quality, 1 to 100 (higher keeps more detail, makes a larger file):</source>
        <translation>质量，1 到 100（越高保留的细节越多，文件越大）：</translation>
    </message>
    <message>
        <source>%1 – Image Viewer</source>
        <translation>%1 – 图像查看器</translation>
    </message>
    <message>
        <source>Loading… (%1 × %2)</source>
        <translation>正在加载…（%1 × %2）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Computing the difference…</source>
        <translation>正在计算差异…</translation>
    </message>
    <message>
        <source>The images do not overlap.</source>
        <translation>两张图像没有重叠部分。</translation>
    </message>
    <message>
        <source>Image %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Compared with %1</source>
        <translation>与 %1 对比</translation>
    </message>
    <message>
        <source>Ctrl+drag the image to drag it out</source>
        <translation>按住 Ctrl 拖动图像可将其拖出</translation>
    </message>
    <message>
        <source>There is no image file to save.</source>
        <translation>没有可保存的图像文件。</translation>
    </message>
</context>
<context>
    <name>InputField</name>
    <message>
        <source>%1 (not on server)</source>
        <translation>%1（服务器上不存在）</translation>
    </message>
    <message>
        <source>The server does not offer this value</source>
        <translation>服务器未提供此值</translation>
    </message>
    <message>
        <source>“%1” is not among the server&apos;s choices</source>
        <translation>“%1”不在服务器提供的选项中</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Error from ComfyUI: %1</source>
        <translation>ComfyUI 报错：%1</translation>
    </message>
</context>
<context>
    <name>InputWidgetFactory</name>
    <message>
        <source>from node %1</source>
        <translation>来自节点 %1</translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation>JSON 值</translation>
    </message>
    <message>
        <source>Input %1 of node %2</source>
        <translation>节点 %2 的输入 %1</translation>
    </message>
</context>
<context>
    <name>JsonCodeEditor</name>
    <message>
        <source>The workflow&apos;s graph in ComfyUI&apos;s API format, as editable JSON text; lines with errors are tinted, hover them to read the error</source>
        <translation>以 ComfyUI API 格式表示的工作流图，可作为 JSON 文本编辑；有错误的行会以底色标出，将鼠标悬停其上可查看错误</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Line numbers</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>The number of each line of the JSON text, with a marker on lines that have an error; hover a marker to read the error</source>
        <translation>JSON 文本每一行的行号，有错误的行带有标记；将鼠标悬停在标记上可查看错误</translation>
    </message>
    <message>
        <source>JSON editor</source>
        <translation>JSON 编辑器</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ComfyDesk</source>
        <translation>ComfyDesk</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Workflow being edited</source>
        <translation>正在编辑的工作流</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Save workflow</source>
        <translation>保存工作流(&amp;S)</translation>
    </message>
    <message>
        <source>Write the edited values back to the workflow file</source>
        <translation>将编辑后的值写回工作流文件</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Revert workflow</source>
        <translation>还原工作流(&amp;R)</translation>
    </message>
    <message>
        <source>Drop the unsaved edits of this workflow</source>
        <translation>放弃此工作流未保存的编辑</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Find parameter</source>
        <translation>查找参数(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Queue the workflow with these parameters (Ctrl+Enter)</source>
        <translation>使用这些参数将工作流加入队列（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Queue at &amp;front</source>
        <translation>加入队列最前(&amp;F)</translation>
    </message>
    <message>
        <source>Queue it before everything pending (Ctrl+Shift+Enter)</source>
        <translation>将其排在所有等待中的任务之前（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Try the built-in &amp;simulator</source>
        <translation>试用内置模拟器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About ComfyDesk</source>
        <translation>关于 ComfyDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Connected to the built-in simulator at %1. Its images are made up: no real ComfyUI is used.</source>
        <translation>已连接到位于 %1 的内置模拟器。其图像均为占位图，并未使用真实的 ComfyUI。</translation>
    </message>
    <message>
        <source>The built-in simulator did not start: %1</source>
        <translation>内置模拟器未能启动：%1</translation>
    </message>
    <message>
        <source>Runs: </source>
        <translation>运行次数：</translation>
    </message>
    <message>
        <source>How many times to queue it; the seed follows its after-each-run setting between runs</source>
        <translation>加入队列的次数；在两次运行之间，种子按其“每次运行后”设置变化</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>Unsaved workflows</source>
        <translation>未保存的工作流</translation>
    </message>
    <message>
        <source>These workflows have edits that are not saved:
%1

Save them before quitting?</source>
        <translation>以下工作流有未保存的编辑：
%1

退出前是否保存？</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>“%1” could not be saved: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <source>Starting the built-in simulator …</source>
        <translation>正在启动内置模拟器 …</translation>
    </message>
    <message>
        <source>%1%2 — ComfyDesk</source>
        <translation>%1%2 — ComfyDesk</translation>
    </message>
    <message>
        <source> (simulator)</source>
        <translation>（模拟器）</translation>
    </message>
    <message>
        <source>Pick a workflow on the left, or import one (Ctrl+O).</source>
        <translation>请在左侧选择一个工作流，或导入一个（Ctrl+O）。</translation>
    </message>
    <message>
        <source>%1 (edited, not saved)</source>
        <translation>%1（已编辑，未保存）</translation>
    </message>
    <message>
        <source>ComfyUI %1 at %2</source>
        <translation>位于 %2 的 ComfyUI %1</translation>
    </message>
    <message>
        <source>not connected (%1)</source>
        <translation>未连接（%1）</translation>
    </message>
    <message>
        <source>About ComfyDesk</source>
        <translation>关于 ComfyDesk</translation>
    </message>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” changed on disk and was reloaded.</source>
        <translation>“%1”已在磁盘上被更改，已重新加载。</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Pick a workflow to queue first.</source>
        <translation>请先选择要加入队列的工作流。</translation>
    </message>
    <message>
        <source>the workflow is empty</source>
        <translation>工作流为空</translation>
    </message>
    <message>
        <source>Cannot queue “%1”: %2</source>
        <translation>无法将“%1”加入队列：%2</translation>
    </message>
    <message>
        <source>ComfyUI refused “%1”: %2</source>
        <translation>ComfyUI 拒绝了“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>Queued “%1” (%n run(s)).</source>
        <translation>
            <numerusform>已将“%1”加入队列（%n 次运行）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” finished: %n image(s).</source>
        <translation>
            <numerusform>“%1”已完成：%n 张图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” finished without images.</source>
        <translation>“%1”已完成，但没有生成图像。</translation>
    </message>
    <message>
        <source>“%1” failed in node %2: %3</source>
        <translation>“%1”在节点 %2 处失败：%3</translation>
    </message>
    <message>
        <source>“%1” was interrupted.</source>
        <translation>“%1”已被中断。</translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation>“%1”已被取消。</translation>
    </message>
    <message>
        <source>“%1” was lost: ComfyUI restarted before it finished.</source>
        <translation>“%1”已丢失：ComfyUI 在其完成前重新启动了。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of ComfyDesk.</source>
        <translation>新语言将在 ComfyDesk 下次启动时生效。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n prompt(s) from ComfyUI&apos;s history.</source>
        <translation>
            <numerusform>已从 ComfyUI 的历史中移除 %n 个提示。</numerusform>
        </translation>
    </message>
    <message>
        <source>ComfyUI did not remove them: %1</source>
        <translation>ComfyUI 未能移除它们：%1</translation>
    </message>
    <message>
        <source>Prompt %1 has no graph to run again.</source>
        <translation>提示 %1 没有可重新运行的节点图。</translation>
    </message>
    <message>
        <source>another client&apos;s prompt</source>
        <translation>其他客户端的提示</translation>
    </message>
    <message>
        <source>Queued “%1” again.</source>
        <translation>已再次将“%1”加入队列。</translation>
    </message>
    <message>
        <source>This prompt came from another client: it has no workflow file. Re-run it, or save its image and import that.</source>
        <translation>此提示来自其他客户端，没有工作流文件。可以重新运行它，或保存其图像后导入。</translation>
    </message>
    <message>
        <source>The workflow “%1” is no longer in the folder.</source>
        <translation>工作流“%1”已不在文件夹中。</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the parameters of %1 into “%2” (%n value(s) changed).</source>
        <translation>
            <numerusform>已将 %1 的参数载入“%2”（更改了 %n 个值）。</numerusform>
        </translation>
    </message>
    <message>
        <source>This prompt has no images to show.</source>
        <translation>此提示没有可显示的图像。</translation>
    </message>
    <message>
        <source>Prompt %1 is no longer in the catalogue.</source>
        <translation>提示 %1 已不在目录中。</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Every image in the catalogue, newest first</source>
        <translation>目录中的所有图像，最新的在前</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ComfyDesk %1&lt;/h3&gt;&lt;p&gt;A desktop client and LAN gateway for ComfyUI.&lt;/p&gt;&lt;p&gt;Qt %2 · Server: %3&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later. This program comes with ABSOLUTELY NO WARRANTY.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ComfyDesk %1&lt;/h3&gt;&lt;p&gt;ComfyUI 的桌面客户端与局域网网关。&lt;/p&gt;&lt;p&gt;Qt %2 · 服务器：%3&lt;/p&gt;&lt;p&gt;许可证：GNU 通用公共许可证第 3 版或更高版本。本程序不提供任何担保。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NodeFormBuilder</name>
    <message>
        <source>%1 (node %2)</source>
        <translation>%1（节点 %2）</translation>
    </message>
    <message>
        <source>Node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
    <message>
        <source>The inputs of node %1, of class %2</source>
        <translation>节点 %1（类型 %2）的输入</translation>
    </message>
</context>
<context>
    <name>ParameterEditor</name>
    <message>
        <source>Parameter views</source>
        <translation>参数视图</translation>
    </message>
    <message>
        <source>The workflow as a form or as JSON text</source>
        <translation>以表单或 JSON 文本形式显示工作流</translation>
    </message>
    <message>
        <source>Main parameters only</source>
        <translation>仅显示主要参数</translation>
    </message>
    <message>
        <source>Shows only prompts, seed, steps, sampler, size and the like; clear it to show all parameters</source>
        <translation>仅显示提示词、种子、步数、采样器、尺寸等参数；取消勾选则显示全部参数</translation>
    </message>
    <message>
        <source>Filter by node or input</source>
        <translation>按节点或输入筛选</translation>
    </message>
    <message>
        <source>Filter parameters</source>
        <translation>筛选参数</translation>
    </message>
    <message>
        <source>Shows only the nodes and inputs whose title, class or name contains this text</source>
        <translation>仅显示标题、类型或名称包含此文本的节点和输入</translation>
    </message>
    <message>
        <source>The JSON view has an error; the form shows the last valid workflow until it is fixed.</source>
        <translation>JSON 视图中有错误；在修正之前，表单显示最后一个有效的工作流。</translation>
    </message>
    <message>
        <source>Form out of date</source>
        <translation>表单已过时</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>JSON error</source>
        <translation>JSON 错误</translation>
    </message>
    <message>
        <source>Workflow JSON</source>
        <translation>工作流 JSON</translation>
    </message>
    <message>
        <source>The workflow in ComfyUI&apos;s API format; edits update the form when the text is valid JSON</source>
        <translation>ComfyUI API 格式的工作流；当文本为有效 JSON 时，编辑内容会同步更新到表单</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>One group per node of the workflow, with its inputs</source>
        <translation>工作流的每个节点一组，包含其输入</translation>
    </message>
</context>
<context>
    <name>ParseErrorText</name>
    <message>
        <source>the workflow must be a JSON object of nodes</source>
        <translation>工作流必须是由节点组成的 JSON 对象</translation>
    </message>
    <message>
        <source>this is a ComfyUI UI workflow; use &quot;Export (API)&quot; in ComfyUI</source>
        <translation>这是 ComfyUI 的 UI 格式工作流；请在 ComfyUI 中使用“Export (API)”导出</translation>
    </message>
    <message>
        <source>node &quot;%1&quot; needs a &quot;class_type&quot; text and an &quot;inputs&quot; object</source>
        <translation>节点“%1”需要一个“class_type”文本和一个“inputs”对象</translation>
    </message>
    <message>
        <source>the text ends too early</source>
        <translation>文本提前结束</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>意外的字符</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>无效的数字</translation>
    </message>
    <message>
        <source>invalid text in quotes</source>
        <translation>引号内的文本无效</translation>
    </message>
    <message>
        <source>a quote is not closed</source>
        <translation>引号未闭合</translation>
    </message>
    <message>
        <source>a colon is missing after a name</source>
        <translation>名称后缺少冒号</translation>
    </message>
    <message>
        <source>a comma is missing</source>
        <translation>缺少逗号</translation>
    </message>
    <message>
        <source>there is more text after the end</source>
        <translation>结尾之后还有多余的文本</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层级过深</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Waiting · #%1</source>
        <translation>等待中 · 第 %1 位</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>其他客户端</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1/%2 步</translation>
    </message>
    <message>
        <source>node %1 of %2</source>
        <translation>节点 %1/%2</translation>
    </message>
    <message>
        <source>Running (another client: no progress is sent to us)</source>
        <translation>运行中（其他客户端：不会向本客户端发送进度）</translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>The prompts the server runs now and those waiting, yours and other clients&apos;</source>
        <translation>服务器正在运行和等待中的任务，包括您的和其他客户端的</translation>
    </message>
    <message>
        <source>Queue actions</source>
        <translation>队列操作</translation>
    </message>
    <message>
        <source>Cancel, interrupt, clear and reorder prompts</source>
        <translation>取消、中断、清空任务及调整任务顺序</translation>
    </message>
    <message>
        <source>Running prompt first, then the waiting ones in the order the server runs them</source>
        <translation>先列出正在运行的任务，再按服务器的运行顺序列出等待中的任务</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Remove the selected waiting prompts from the queue</source>
        <translation>从队列中移除所选的等待任务</translation>
    </message>
    <message>
        <source>&amp;Interrupt</source>
        <translation>中断(&amp;I)</translation>
    </message>
    <message>
        <source>Stop the prompt running now</source>
        <translation>停止当前正在运行的任务</translation>
    </message>
    <message>
        <source>C&amp;lear Pending</source>
        <translation>清空等待(&amp;L)</translation>
    </message>
    <message>
        <source>Remove every waiting prompt from the queue</source>
        <translation>从队列中移除所有等待中的任务</translation>
    </message>
    <message>
        <source>Move to &amp;Front</source>
        <translation>移到最前(&amp;F)</translation>
    </message>
    <message>
        <source>Run the selected waiting prompt next</source>
        <translation>让所选的等待任务下一个运行</translation>
    </message>
    <message>
        <source>No ComfyUI server is set up.</source>
        <translation>尚未设置 ComfyUI 服务器。</translation>
    </message>
    <message>
        <source>Nothing queued.
Queued prompts appear here while they wait and run.</source>
        <translation>队列为空。
加入队列的任务在等待和运行时会显示在这里。</translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation>未连接到 %1。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Offline: %1
Reconnecting…</source>
        <translation>离线：%1
正在重新连接…</translation>
    </message>
    <message>
        <source>Cancel Prompts</source>
        <translation>取消任务</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n waiting prompt(s) from the queue?</source>
        <translation>
            <numerusform>要从队列中移除 %n 个等待任务吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>无法取消：%1</translation>
    </message>
    <message>
        <source>Interrupt Prompt</source>
        <translation>中断任务</translation>
    </message>
    <message>
        <source>Stop &quot;%1&quot; while it runs? Its work so far is lost.</source>
        <translation>要中断正在运行的“%1”吗？已完成的部分将会丢失。</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Could not interrupt: %1</source>
        <translation>无法中断：%1</translation>
    </message>
    <message>
        <source>Clear Pending</source>
        <translation>清空等待</translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n waiting prompt(s) from the queue, other clients&apos; too?</source>
        <translation>
            <numerusform>要从队列中移除全部 %n 个等待任务（包括其他客户端的）吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not clear the queue: %1</source>
        <translation>无法清空队列：%1</translation>
    </message>
    <message>
        <source>Could not move to front: %1</source>
        <translation>无法移到最前：%1</translation>
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
<context>
    <name>ResultImages</name>
    <message>
        <source>not an image the app can read (%1)</source>
        <translation>不是本程序可读取的图像（%1）</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>ResultsDock</name>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Images of the prompts finished while ComfyDesk runs</source>
        <translation>ComfyDesk 运行期间已完成任务的图像</translation>
    </message>
    <message>
        <source>Selected result</source>
        <translation>所选结果</translation>
    </message>
    <message>
        <source>The selected image, fitted to the panel</source>
        <translation>所选图像，缩放以适应面板</translation>
    </message>
    <message>
        <source>Finished images appear here.</source>
        <translation>完成的图像将显示在这里。</translation>
    </message>
    <message>
        <source>Result details</source>
        <translation>结果详情</translation>
    </message>
    <message>
        <source>Prompt, seed, time and size of the selected image</source>
        <translation>所选图像的提示词、种子、时间和尺寸</translation>
    </message>
    <message>
        <source>Finished images</source>
        <translation>已完成的图像</translation>
    </message>
    <message>
        <source>Newest first; Enter or double-click opens one in the system&apos;s image viewer</source>
        <translation>最新的在前；按 Enter 键或双击可在系统图像查看器中打开</translation>
    </message>
    <message>
        <source>&amp;Open in Image Viewer</source>
        <translation>在图像查看器中打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected image with the system&apos;s image viewer</source>
        <translation>用系统图像查看器打开所选图像</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Could not fetch %1:
%2</source>
        <translation>无法获取 %1：
%2</translation>
    </message>
    <message>
        <source>Seed: %1</source>
        <translation>种子：%1</translation>
    </message>
    <message>
        <source>Finished %1</source>
        <translation>完成于 %1</translation>
    </message>
    <message>
        <source>took %1 s</source>
        <translation>耗时 %1 秒</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Fetch failed: %1</source>
        <translation>获取失败：%1</translation>
    </message>
    <message>
        <source>Queue a workflow (Ctrl+Enter): its images show here as they finish.</source>
        <translation>将工作流加入队列（Ctrl+Enter）：图像完成后会显示在这里。</translation>
    </message>
    <message>
        <source>the image could not be fetched</source>
        <translation>无法获取该图像</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Could not fetch %1: %2</source>
        <translation>无法获取 %1：%2</translation>
    </message>
    <message>
        <source>Image %1 failed: %2</source>
        <translation>图像 %1 失败：%2</translation>
    </message>
    <message>
        <source>Image %1, %2 by %3 pixels</source>
        <translation>图像 %1，%2 × %3 像素</translation>
    </message>
</context>
<context>
    <name>SeedEdit</name>
    <message>
        <source>The seed must be from %1 to %2.</source>
        <translation>种子必须介于 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>Type a seed: a whole number from %1 to %2.</source>
        <translation>请输入种子：%1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>The seed can only hold the digits 0 to 9.</source>
        <translation>种子只能包含数字 0 到 9。</translation>
    </message>
    <message>
        <source>The seed of the next run</source>
        <translation>下次运行的种子</translation>
    </message>
    <message>
        <source>The seed of the next run, a whole number from %1 to %2; the Up and Down arrow keys add or take away one</source>
        <translation>下次运行的种子，为 %1 到 %2 之间的整数；按上、下方向键可加一或减一</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Pick a new random seed now</source>
        <translation>立即随机选取新种子</translation>
    </message>
    <message>
        <source>New random seed</source>
        <translation>新随机种子</translation>
    </message>
    <message>
        <source>Replaces the seed with a random one from its allowed range</source>
        <translation>将种子替换为允许范围内的随机值</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Increment</source>
        <translation>递增</translation>
    </message>
    <message>
        <source>Keep the seed after each run</source>
        <translation>每次运行后保持种子不变</translation>
    </message>
    <message>
        <source>Pick a new random seed after each run</source>
        <translation>每次运行后随机选取新种子</translation>
    </message>
    <message>
        <source>Add one to the seed after each run</source>
        <translation>每次运行后种子加一</translation>
    </message>
    <message>
        <source>What happens to the seed after each run</source>
        <translation>每次运行后种子如何变化</translation>
    </message>
    <message>
        <source>Seed after each run</source>
        <translation>每次运行后的种子</translation>
    </message>
    <message>
        <source>What happens to the seed after each run: fixed keeps it, random picks a new one, increment adds one</source>
        <translation>每次运行后种子如何变化：固定则保持不变，随机则选取新种子，递增则加一</translation>
    </message>
    <message>
        <source>The seed and what happens to it after each run</source>
        <translation>种子及其在每次运行后的变化方式</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>ComfyDesk settings</source>
        <translation>ComfyDesk 设置</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>设置类别</translation>
    </message>
    <message>
        <source>ComfyUI, workflows, REST API and interface settings</source>
        <translation>ComfyUI、工作流、REST API 和界面设置</translation>
    </message>
    <message>
        <source>ComfyUI</source>
        <translation>ComfyUI</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>地址(&amp;U)：</translation>
    </message>
    <message>
        <source>ComfyUI URL</source>
        <translation>ComfyUI 地址</translation>
    </message>
    <message>
        <source>The address of the ComfyUI server, for example http://localhost:8188</source>
        <translation>ComfyUI 服务器的地址，例如 http://localhost:8188</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Why the ComfyUI URL was refused</source>
        <translation>ComfyUI 地址被拒绝的原因</translation>
    </message>
    <message>
        <source>The address ComfyUI prints when it starts, such as http://127.0.0.1:8188. For a ComfyUI on another computer, start it with --listen and use that computer’s address.</source>
        <translation>ComfyUI 启动时显示的地址，例如 http://127.0.0.1:8188。如果 ComfyUI 运行在另一台计算机上，请使用 --listen 参数启动它，并填写该计算机的地址。</translation>
    </message>
    <message>
        <source>T&amp;oken:</source>
        <translation>令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>Only for a ComfyUI behind a proxy that asks for one</source>
        <translation>仅当 ComfyUI 位于要求令牌的代理之后时需要</translation>
    </message>
    <message>
        <source>ComfyUI token</source>
        <translation>ComfyUI 令牌</translation>
    </message>
    <message>
        <source>Bearer token sent to an authenticating proxy in front of ComfyUI; leave empty otherwise</source>
        <translation>发送给 ComfyUI 前端身份验证代理的 Bearer 令牌；否则请留空</translation>
    </message>
    <message>
        <source>Why the ComfyUI token was refused</source>
        <translation>ComfyUI 令牌被拒绝的原因</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Asks the server at this URL what it is, without saving anything</source>
        <translation>询问此地址上的服务器是什么，不保存任何内容</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>The version and device the server reported, or why it could not be reached</source>
        <translation>服务器报告的版本和设备，或无法访问的原因</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>工作流</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Workflows folder</source>
        <translation>工作流文件夹</translation>
    </message>
    <message>
        <source>The folder of workflow files exported from ComfyUI with “Export (API)”</source>
        <translation>存放用 ComfyUI 的“Export (API)”导出的工作流文件的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Browse for the workflows folder</source>
        <translation>浏览选择工作流文件夹</translation>
    </message>
    <message>
        <source>Opens a folder chooser</source>
        <translation>打开文件夹选择对话框</translation>
    </message>
    <message>
        <source>Why the workflows folder was refused</source>
        <translation>工作流文件夹被拒绝的原因</translation>
    </message>
    <message>
        <source>ComfyDesk lists the .json workflows in this folder and notices files added, changed or removed there. Save them from ComfyUI with “Export (API)”.</source>
        <translation>ComfyDesk 会列出此文件夹中的 .json 工作流，并能察觉其中文件的添加、修改或删除。请在 ComfyUI 中用“Export (API)”保存工作流。</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>&amp;Serve the REST API</source>
        <translation>提供 REST API(&amp;S)</translation>
    </message>
    <message>
        <source>Serve the REST API</source>
        <translation>提供 REST API</translation>
    </message>
    <message>
        <source>Lets scripts and plug-ins run workflows through ComfyDesk over HTTP</source>
        <translation>允许脚本和插件通过 HTTP 经由 ComfyDesk 运行工作流</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>监听范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>监听范围</translation>
    </message>
    <message>
        <source>Which network interfaces the REST API accepts callers from</source>
        <translation>REST API 接受来自哪些网络接口的调用</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>The one IP address of this computer the REST API listens on</source>
        <translation>REST API 所监听的本机 IP 地址（单个）</translation>
    </message>
    <message>
        <source>Why the listen address was refused</source>
        <translation>监听地址被拒绝的原因</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>The TCP port of the REST API, from 1 to 65535</source>
        <translation>REST API 的 TCP 端口，范围为 1 到 65535</translation>
    </message>
    <message>
        <source>Why the port was refused</source>
        <translation>端口被拒绝的原因</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation>令牌(&amp;K)：</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>The secret callers send as “Authorization: Bearer” or “X-API-Key”</source>
        <translation>调用方以“Authorization: Bearer”或“X-API-Key”发送的密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>Shows or hides the API token</source>
        <translation>显示或隐藏 API 令牌</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>复制令牌</translation>
    </message>
    <message>
        <source>Puts the API token on the clipboard</source>
        <translation>将 API 令牌复制到剪贴板</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>重新生成令牌</translation>
    </message>
    <message>
        <source>Replaces the API token with a new random one; callers need the new one</source>
        <translation>用新的随机令牌替换 API 令牌；调用方需要改用新令牌</translation>
    </message>
    <message>
        <source>Why the API token was refused</source>
        <translation>API 令牌被拒绝的原因</translation>
    </message>
    <message>
        <source>Callers send it as “Authorization: Bearer &lt;token&gt;” or “X-API-Key: &lt;token&gt;”. Required when the API listens beyond this computer.</source>
        <translation>调用方以“Authorization: Bearer &lt;token&gt;”或“X-API-Key: &lt;token&gt;”发送令牌。当 API 监听本机以外的地址时必须设置。</translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation>允许的源(&amp;O)：</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>允许的源</translation>
    </message>
    <message>
        <source>Web pages allowed to call the API from a browser, one origin per line, such as http://krita-host:8080</source>
        <translation>允许在浏览器中调用 API 的网页，每行一个源，例如 http://krita-host:8080</translation>
    </message>
    <message>
        <source>Why an allowed origin was refused</source>
        <translation>允许的源被拒绝的原因</translation>
    </message>
    <message>
        <source>One per line. Only web pages need this; scripts and plug-ins do not.</source>
        <translation>每行一个。仅网页需要此项，脚本和插件不需要。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of ComfyDesk’s windows</source>
        <translation>ComfyDesk 窗口使用的语言</translation>
    </message>
    <message>
        <source>A new language applies the next time ComfyDesk starts.</source>
        <translation>新语言将在 ComfyDesk 下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Notify me when a run finishes while ComfyDesk is in the background</source>
        <translation>ComfyDesk 在后台时，运行完成后通知我(&amp;N)</translation>
    </message>
    <message>
        <source>Notify when a run finishes</source>
        <translation>运行完成时通知</translation>
    </message>
    <message>
        <source>Shows a system notification when a workflow finishes while the window is not active</source>
        <translation>窗口未处于活动状态时，工作流运行完成后显示系统通知</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>仅本机（127.0.0.1）</translation>
    </message>
    <message>
        <source>All networks (0.0.0.0)</source>
        <translation>所有网络（0.0.0.0）</translation>
    </message>
    <message>
        <source>One address of this computer</source>
        <translation>本机的某个地址</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Checks and keeps the settings</source>
        <translation>检查并保存设置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Closes the dialog without changing anything</source>
        <translation>关闭对话框，不做任何更改</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在询问 %1…</translation>
    </message>
    <message>
        <source>Something answers at %1, but it is not ComfyUI.</source>
        <translation>%1 有响应，但它不是 ComfyUI。</translation>
    </message>
    <message>
        <source>ComfyUI (version unknown)</source>
        <translation>ComfyUI（版本未知）</translation>
    </message>
    <message>
        <source>ComfyUI %1</source>
        <translation>ComfyUI %1</translation>
    </message>
    <message>
        <source>%1, no device reported.</source>
        <translation>%1，未报告设备。</translation>
    </message>
    <message>
        <source>%1 on %2, %3 free.</source>
        <translation>%1，设备 %2，可用显存 %3。</translation>
    </message>
    <message>
        <source>%1 on %2.</source>
        <translation>%1，设备 %2。</translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP status %2): check the token.</source>
        <translation>%1 拒绝了请求（HTTP 状态码 %2）：请检查令牌。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation>%1 在 %2 秒内没有响应。</translation>
    </message>
    <message>
        <source>Cannot reach ComfyUI at %1: %2.</source>
        <translation>无法访问位于 %1 的 ComfyUI：%2。</translation>
    </message>
    <message>
        <source>Workflows Folder</source>
        <translation>工作流文件夹</translation>
    </message>
    <message>
        <source>Every computer that can reach this one can call the API with the token, and run workflows and read images through it.</source>
        <translation>任何能访问本机的计算机都可以使用令牌调用 API，并通过它运行工作流和读取图像。</translation>
    </message>
    <message>
        <source>Computers that can reach this address can call the API with the token.</source>
        <translation>能访问此地址的计算机可以使用令牌调用 API。</translation>
    </message>
    <message>
        <source>Only programs on this computer can call the API.</source>
        <translation>只有本机上的程序可以调用 API。</translation>
    </message>
    <message>
        <source>The API is off. %1</source>
        <translation>API 已关闭。%1</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Hide token</source>
        <translation>隐藏令牌</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Enter the address of ComfyUI, such as http://localhost:8188.</source>
        <translation>请输入 ComfyUI 的地址，例如 http://localhost:8188。</translation>
    </message>
    <message>
        <source>This is not a valid address. Write it like http://localhost:8188.</source>
        <translation>这不是有效的地址。请按 http://localhost:8188 的格式填写。</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The address needs a host name or IP address, such as http://localhost:8188.</source>
        <translation>地址需要包含主机名或 IP 地址，例如 http://localhost:8188。</translation>
    </message>
    <message>
        <source>Leave out anything after “?” or “#”: only the server’s address is needed.</source>
        <translation>请删除“?”或“#”之后的内容：只需要服务器的地址。</translation>
    </message>
    <message>
        <source>A token cannot contain spaces or line breaks.</source>
        <translation>令牌不能包含空格或换行符。</translation>
    </message>
    <message>
        <source>Choose the folder that holds your workflows.</source>
        <translation>请选择存放工作流的文件夹。</translation>
    </message>
    <message>
        <source>Enter the IP address of this computer to listen on, or choose another option above.</source>
        <translation>请输入要监听的本机 IP 地址，或在上方选择其他选项。</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Enter one such as 192.168.1.20.</source>
        <translation>“%1”不是 IP 地址。请输入类似 192.168.1.20 的地址。</translation>
    </message>
    <message>
        <source>Choose a port from 1 to 65535.</source>
        <translation>请选择 1 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>“%1” is not an origin. Write scheme://host or scheme://host:port, such as http://krita-host:8080, with no path or slash at the end.</source>
        <translation>“%1”不是有效的源。请按 scheme://host 或 scheme://host:port 的格式填写，例如 http://krita-host:8080，不要包含路径，末尾也不要加斜杠。</translation>
    </message>
    <message>
        <source>This language is not available.</source>
        <translation>此语言不可用。</translation>
    </message>
</context>
<context>
    <name>StatusBarAccessible</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>StatusBarWidgets</name>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Shown while the built-in simulator stands in for ComfyUI</source>
        <translation>内置模拟器代替 ComfyUI 运行时显示</translation>
    </message>
    <message>
        <source>The built-in simulator stands in for ComfyUI: it runs workflows without a GPU and makes placeholder images.</source>
        <translation>内置模拟器正在代替 ComfyUI：它无需 GPU 即可运行工作流，并生成占位图像。</translation>
    </message>
    <message>
        <source>Connection state icon</source>
        <translation>连接状态图标</translation>
    </message>
    <message>
        <source>Repeats the connection state beside it</source>
        <translation>以图标重复显示旁边的连接状态</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Whether ComfyDesk is connected to ComfyUI, and why not</source>
        <translation>ComfyDesk 是否已连接到 ComfyUI，以及未连接的原因</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>ComfyUI&apos;s version, device and free video memory</source>
        <translation>ComfyUI 的版本、设备和可用显存</translation>
    </message>
    <message>
        <source>Queue length</source>
        <translation>队列长度</translation>
    </message>
    <message>
        <source>Prompts running and waiting on the server, from every client</source>
        <translation>服务器上所有客户端正在运行和等待中的任务</translation>
    </message>
    <message>
        <source>REST API state</source>
        <translation>REST API 状态</translation>
    </message>
    <message>
        <source>Whether the REST API is on, where, and how many requests it answered</source>
        <translation>REST API 是否开启、监听位置以及已响应的请求数</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API 已关闭</translation>
    </message>
    <message>
        <source>The REST API is off. Turn it on in Settings to let scripts and plug-ins run workflows.</source>
        <translation>REST API 已关闭。在“设置”中开启后，脚本和插件即可运行工作流。</translation>
    </message>
    <message>
        <source>API on %1 · 1 request served</source>
        <translation>API 运行于 %1 · 已处理 1 个请求</translation>
    </message>
    <message>
        <source>API on %1 · %2 requests served</source>
        <translation>API 运行于 %1 · 已处理 %2 个请求</translation>
    </message>
    <message>
        <source>The REST API answers at http://%1/api</source>
        <translation>REST API 的地址为 http://%1/api</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Offline — %1</source>
        <translation>离线 — %1</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s — %2</source>
        <translation>%1 秒后重新连接 — %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>正在重新连接 %1…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 VRAM free</source>
        <translation>%1：可用 VRAM %2 / %3</translation>
    </message>
    <message>
        <source>PyTorch %1</source>
        <translation>PyTorch %1</translation>
    </message>
    <message>
        <source>Queue empty</source>
        <translation>队列为空</translation>
    </message>
    <message>
        <source>Queue: %1 running, %2 pending</source>
        <translation>队列：%1 个运行中，%2 个等待中</translation>
    </message>
</context>
<context>
    <name>ViewerDetails</name>
    <message>
        <source>The prompt that made this image is not known.</source>
        <translation>生成此图像的提示未知。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>工作流</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ViewerFiles</name>
    <message>
        <source>This image is not on this computer: it was never fetched into the cache, or the cache no longer holds it.</source>
        <translation>此图像不在本机上：它从未被获取到缓存中，或缓存中已不再保存它。</translation>
    </message>
    <message>
        <source>The file %1 no longer exists (removed from the cache?).</source>
        <translation>文件 %1 已不存在（已从缓存中移除？）。</translation>
    </message>
    <message>
        <source>%1 is not an image this program can read (%2).</source>
        <translation>%1 不是本程序能读取的图像（%2）。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>This system cannot write %1 images.</source>
        <translation>本系统无法写入 %1 图像。</translation>
    </message>
</context>
<context>
    <name>WorkflowListDock</name>
    <message>
        <source>Workflows</source>
        <translation>工作流</translation>
    </message>
    <message>
        <source>The workflows in the workflows folder. Pick one to edit and run it; drop JSON or ComfyUI PNG files here to import them.</source>
        <translation>工作流文件夹中的工作流。选择一个即可编辑和运行；将 JSON 或 ComfyUI PNG 文件拖放到此处即可导入。</translation>
    </message>
    <message>
        <source>Filter workflows</source>
        <translation>筛选工作流</translation>
    </message>
    <message>
        <source>Shows only the workflows whose name contains this text; case and accents are ignored</source>
        <translation>仅显示名称包含此文本的工作流；忽略大小写和重音符号</translation>
    </message>
    <message>
        <source>Workflow list</source>
        <translation>工作流列表</translation>
    </message>
    <message>
        <source>Enter opens the selected workflow, F2 renames it, Delete deletes it; the context menu has every action.</source>
        <translation>按 Enter 打开所选工作流，按 F2 重命名，按 Delete 删除；右键菜单中包含所有操作。</translation>
    </message>
    <message>
        <source>&amp;Import Workflow…</source>
        <translation>导入工作流(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a ComfyUI API-format JSON file or a PNG made by ComfyUI</source>
        <translation>导入 ComfyUI API 格式的 JSON 文件或由 ComfyUI 生成的 PNG</translation>
    </message>
    <message>
        <source>D&amp;uplicate Workflow…</source>
        <translation>创建工作流副本(&amp;U)…</translation>
    </message>
    <message>
        <source>Copy the selected workflow under a new name</source>
        <translation>以新名称复制所选工作流</translation>
    </message>
    <message>
        <source>&amp;Rename Workflow…</source>
        <translation>重命名工作流(&amp;R)…</translation>
    </message>
    <message>
        <source>Rename the selected workflow and its file</source>
        <translation>重命名所选工作流及其文件</translation>
    </message>
    <message>
        <source>&amp;Delete Workflow…</source>
        <translation>删除工作流(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected workflow&apos;s file, after asking</source>
        <translation>确认后删除所选工作流的文件</translation>
    </message>
    <message>
        <source>Show in File &amp;Manager</source>
        <translation>在文件管理器中显示(&amp;M)</translation>
    </message>
    <message>
        <source>Open the workflows folder in the file manager</source>
        <translation>在文件管理器中打开工作流文件夹</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>No workflows yet. Import a ComfyUI API-format JSON or a PNG made by ComfyUI, or drop it here.</source>
        <translation>还没有工作流。请导入 ComfyUI API 格式的 JSON 或由 ComfyUI 生成的 PNG，或将其拖放到此处。</translation>
    </message>
    <message>
        <source>No workflow matches “%1”.</source>
        <translation>没有与“%1”匹配的工作流。</translation>
    </message>
    <message>
        <source>No workflows folder is set; choose one in Settings.</source>
        <translation>尚未设置工作流文件夹；请在“设置”中选择。</translation>
    </message>
    <message>
        <source>Imported “%1”</source>
        <translation>已导入“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n workflows</source>
        <translation>
            <numerusform>已导入 %n 个工作流</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be imported</source>
        <translation>
            <numerusform>%n 个文件无法导入</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Workflows</source>
        <translation>导入工作流</translation>
    </message>
    <message>
        <source>ComfyUI workflows (*.json *.png);;All files (*)</source>
        <translation>ComfyUI 工作流 (*.json *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A workflow named “%1” already exists.</source>
        <translation>名为“%1”的工作流已存在。</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <comment>the suggested name of a duplicated workflow</comment>
        <translation>%1 副本</translation>
    </message>
    <message>
        <source>%1 copy %2</source>
        <translation>%1 副本 %2</translation>
    </message>
    <message>
        <source>Duplicate Workflow</source>
        <translation>创建工作流副本</translation>
    </message>
    <message>
        <source>Name of the copy of “%1”:</source>
        <translation>“%1”副本的名称：</translation>
    </message>
    <message>
        <source>“%1” could not be duplicated: %2</source>
        <translation>无法为“%1”创建副本：%2</translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”</source>
        <translation>已将“%1”复制为“%2”</translation>
    </message>
    <message>
        <source>Rename Workflow</source>
        <translation>重命名工作流</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>“%1” could not be renamed: %2</source>
        <translation>无法重命名“%1”：%2</translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”</source>
        <translation>已将“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>Delete the workflow “%1”? Its file is deleted from the workflows folder, and its unsaved changes are lost.</source>
        <translation>要删除工作流“%1”吗？其文件将从工作流文件夹中删除，未保存的更改也会丢失。</translation>
    </message>
    <message>
        <source>Delete the workflow “%1”? Its file is deleted from the workflows folder.</source>
        <translation>要删除工作流“%1”吗？其文件将从工作流文件夹中删除。</translation>
    </message>
    <message>
        <source>Delete Workflow</source>
        <translation>删除工作流</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>“%1” could not be deleted: %2</source>
        <translation>无法删除“%1”：%2</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>已删除“%1”</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
</context>
<context>
    <name>WorkflowListModel</name>
    <message>
        <source>• %1</source>
        <comment>an unsaved workflow</comment>
        <translation>• %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Workflow file %1</source>
        <translation>工作流文件 %1</translation>
    </message>
</context>
<context>
    <name>WorkflowMessages</name>
    <message>
        <source>UI format: open it in ComfyUI and use Export (API)</source>
        <translation>UI 格式：请在 ComfyUI 中打开并使用 Export (API) 导出</translation>
    </message>
    <message>
        <source>Not valid JSON (line %1, column %2)</source>
        <translation>无效的 JSON（第 %1 行，第 %2 列）</translation>
    </message>
    <message>
        <source>Too large to open (over %1 MB)</source>
        <translation>文件过大，无法打开（超过 %1 MB）</translation>
    </message>
    <message>
        <source>Not a ComfyUI API-format workflow</source>
        <translation>不是 ComfyUI API 格式的工作流</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>“%1” holds only ComfyUI&apos;s UI workflow, not the API-format prompt. Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” in older versions) and import the exported file.</source>
        <translation>“%1”只包含 ComfyUI 的 UI 工作流，不含 API 格式的 prompt 数据。请在 ComfyUI 中打开它，使用 Workflow › Export (API)（旧版本中为“Save (API Format)”）导出，然后导入导出的文件。</translation>
    </message>
    <message>
        <source>“%1” is a ComfyUI UI-format workflow, not the API format ComfyDesk runs. Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” in older versions) and import the exported file.</source>
        <translation>“%1”是 ComfyUI 的 UI 格式工作流，而不是 ComfyDesk 运行所需的 API 格式。请在 ComfyUI 中打开它，使用 Workflow › Export (API)（旧版本中为“Save (API Format)”）导出，然后导入导出的文件。</translation>
    </message>
    <message>
        <source>“%1” is a PNG without a ComfyUI workflow: it has no “prompt” text. Only images saved by ComfyUI carry one.</source>
        <translation>“%1”是不含 ComfyUI 工作流的 PNG：其中没有“prompt”文本。只有 ComfyUI 保存的图像才带有该文本。</translation>
    </message>
    <message>
        <source>“%1” is neither an API-format workflow (JSON) nor a PNG made by ComfyUI: it is not valid JSON (line %2, column %3).</source>
        <translation>“%1”既不是 API 格式的工作流（JSON），也不是由 ComfyUI 生成的 PNG：它不是有效的 JSON（第 %2 行，第 %3 列）。</translation>
    </message>
    <message>
        <source>“%1” is JSON, but not a ComfyUI API-format workflow.</source>
        <translation>“%1”是 JSON，但不是 ComfyUI API 格式的工作流。</translation>
    </message>
    <message>
        <source>“%1” is too large to import (the limit is %2 MB).</source>
        <translation>“%1”太大，无法导入（上限为 %2 MB）。</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>“%1”不存在。</translation>
    </message>
    <message>
        <source>“%1” could not be imported: %2</source>
        <translation>无法导入“%1”：%2</translation>
    </message>
    <message>
        <source>a workflow with that name already exists</source>
        <translation>已存在同名工作流</translation>
    </message>
    <message>
        <source>it is no longer in the workflows folder</source>
        <translation>它已不在工作流文件夹中</translation>
    </message>
</context>
<context>
    <name>WorkflowNameDialog</name>
    <message>
        <source>Workflow name</source>
        <translation>工作流名称</translation>
    </message>
    <message>
        <source>Why the name cannot be used</source>
        <translation>该名称无法使用的原因</translation>
    </message>
    <message>
        <source>Says why the name typed above is refused; empty when it can be used</source>
        <translation>说明上方输入的名称为何被拒绝；名称可用时为空</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Uses the name typed above</source>
        <translation>使用上方输入的名称</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Closes this dialog and changes nothing</source>
        <translation>关闭此对话框，不做任何更改</translation>
    </message>
</context>
</TS>

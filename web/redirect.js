// Runs on redirect.html, the redirectUri registered in Microsoft Entra ID.
window.msalRedirectBridge.broadcastResponseToMainFrame();

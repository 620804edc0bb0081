"""The app's pages, in menu order."""

# script, title, url path: the one list of pages, used by dashboard.py and by the menu.
# No icons: Streamlit's Material icons load a font from fonts.gstatic.com, and emoji need a system font.
PAGES = (("views/0_Overview.py", "Overview", ""), ("views/1_Network.py", "Network", "Network"),
         ("views/2_Territory.py", "Territory", "Territory"), ("views/3_Quotes.py", "Quotes", "Quotes"),
         ("views/4_Positions.py", "Positions", "Positions"), ("views/5_Sources.py", "Sources", "Sources"),
         ("views/6_Add.py", "Add from an article", "Add"))

"""geoborder.map: the layered interactive HTML map (folium and Leaflet), offline when asked."""
